/** What the corpus notices say on the command line: the window's sentences, each with the flag that acts on it. */
import { type CorpusNoticeKind, type FileReport, type RawCorpus, type TokenizerOptions, corpusNotices } from '../core/corpus/index'

const FLAG_HINTS: Partial<Record<CorpusNoticeKind, string>> = {
  detectedEncoding: 'Run again with --encoding <label> to read it in another.',
  notUtf8: 'Run again with --encoding <label> (windows-1252, say) to read it in its encoding.',
  segmentation: 'Run again with --segment words.',
  cs224nLayout: 'Run again with --preset cs224n (or --format cs224n --segment whitespace).',
}

export function corpusNoticeLines(files: readonly FileReport[], raw: RawCorpus, tokenizer: Partial<TokenizerOptions>): string[] {
  return corpusNotices(files, raw, tokenizer).map(({ kind, message }) => {
    const hint = FLAG_HINTS[kind]
    return `Warning: ${message}${hint === undefined ? '' : ` ${hint}`}`
  })
}
