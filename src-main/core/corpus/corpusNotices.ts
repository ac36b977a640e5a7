/**
 * What a user should know about how a corpus was read, though it loaded: an encoding that came
 * from the bytes rather than the user (UTF-16 without a mark, or a legacy encoding the detector
 * found), bytes the encoding could not read (and the encoding they probably are), and a
 * tokenizer choice that turned the text into phrases. The window and the command
 * line show the same sentences; `kind` lets each offer its own way out (a button, a flag).
 */
import { UNNAMED_SOURCE, capitalised, quoteSource } from './corpusErrors'
import { type CorpusLayout } from './corpusLayout'
import { type RawCorpus } from './corpusTypes'
import { unsegmentedText } from './scriptCheck'
import { type DecodingReport } from './textDecoding'
import { type EncodingDetection, UNICODE_ENCODINGS, encodingLabel } from './textEncodings'
import { type TokenizerOptions } from './tokenizer'

export const CORPUS_NOTICE_KINDS = ['encoding', 'detectedEncoding', 'notUtf8', 'segmentation', 'cs224nLayout'] as const
export type CorpusNoticeKind = (typeof CORPUS_NOTICE_KINDS)[number]

export interface CorpusNotice {
  readonly kind: CorpusNoticeKind
  readonly message: string
}

const count = (n: number) => n.toLocaleString('en-US')

/**
 * How a file was read, the layout its first lines have (unknown: plain), the encoding a sample of
 * its bytes looks like (null: Unicode, or nothing better than UTF-8) and whether the user named the
 * encoding it was read in.
 */
export type FileReport = DecodingReport & { readonly layout?: CorpusLayout; readonly detected?: EncodingDetection | null; readonly chosen?: boolean }

/** Notices for files read with these reports into `raw` with these tokenizer options, files first. */
export function corpusNotices(files: readonly FileReport[], raw: RawCorpus, tokenizer: Partial<TokenizerOptions>): CorpusNotice[] {
  const notices = files.flatMap(fileNotices)
  const course = files.filter((file) => file.layout === 'cs224n')
  if (course.length > 0 && (tokenizer.format ?? 'plain') !== 'cs224n') {
    const names = course.map((file) => quoteSource(file.source)).join(', ')
    notices.push({
      kind: 'cs224nLayout',
      message: `${capitalised(names)} ${course.length === 1 ? 'looks' : 'look'} like the CS224n assignment's datasetSentences.txt (a header, then numbered sentences), but ${course.length === 1 ? 'it was' : 'they were'} read as plain text: the header and the sentence numbers became words. The course reads each sentence after its number, split at spaces and lower-cased.`,
    })
  }
  if ((tokenizer.segmentation ?? 'spaces') === 'spaces') {
    const unsegmented = unsegmentedText(raw)
    if (unsegmented) {
      const source = quoteSource(files.length === 1 ? files[0]!.source : UNNAMED_SOURCE)
      notices.push({
        kind: 'segmentation',
        message: `Most of ${source} is written without spaces between words (Chinese, Japanese, Thai…), so breaking words at spaces made phrases of ${unsegmented.meanLength.toFixed(1)} characters on average into “words”. Dictionary word breaks would find the words.`,
      })
    }
  }
  return notices
}

function fileNotices(file: FileReport): CorpusNotice[] {
  const name = capitalised(quoteSource(file.source))
  const notices: CorpusNotice[] = []
  const label = encodingLabel(file.encoding)
  const unicode = UNICODE_ENCODINGS.includes(file.encoding)
  if (file.encoding !== 'utf-8' && unicode && (file.byteOrderMark || file.chosen !== true)) {
    const how = file.byteOrderMark ? 'it starts with a byte-order mark' : 'it has no byte-order mark, but its bytes are laid out as UTF-16 text'
    notices.push({ kind: 'encoding', message: `${name} was read as ${file.encoding.toUpperCase()} (${how}).` })
  } else if (!unicode && file.chosen !== true && file.detected?.encoding === file.encoding) {
    notices.push({
      kind: 'detectedEncoding',
      message: `${name} is not UTF-8: it was read as ${label}, the encoding its bytes look like (the detector's confidence: ${Math.round(100 * file.detected.confidence)} %). If its words look wrong, choose its encoding.`,
    })
  }
  const n = file.replacedSequences
  if (n > 0) {
    const places = `${count(n)} ${n === 1 ? 'place' : 'places'}`
    const message = file.likelySingleByte
      ? `${name} is probably Latin-1 or Windows-1252, not UTF-8: in ${places} a byte that is not UTF-8 (an accented letter or a curly quote, most likely) was replaced by “�”. Read it as Windows-1252 (choose its encoding), or save it as UTF-8.`
      : `${name} is not valid ${label} in ${places}; ${n === 1 ? 'it was' : 'they were'} replaced by “�”. If the file is in another encoding, choose it.`
    notices.push({ kind: 'notUtf8', message })
  }
  return notices
}
