/**
 * `w2v phrases`: word2phrase / gensim's `Phrases` on a corpus file. Reads the corpus as `train`
 * does, joins the pairs that score above the threshold (pass after pass), writes the joined
 * corpus as text (a sentence a line) and prints the phrases joined most often with their scores.
 */
import { DEFAULT_TOKENIZER_OPTIONS } from '../core/corpus/tokenizer'
import { DEFAULT_PHRASE_OPTIONS } from '../core/corpus/phraseOptions'
import { readCorpusFile } from '../node/corpusFile'
import { writeCorpusText } from '../node/corpusTextFile'
import { checkOutputLocations } from '../node/outputLocation'
import { FileTokenSink, releaseTokenStore } from '../node/tokenFile'
import { UsageError, expectPositional, parseFlags } from './flags'
import { phraseFlagSpec, phraseOptionsFromFlags } from './phraseFlags'
import { formatCount, progressBar } from './progressLine'
import { formatTable } from './table'
import type { CliIo } from './trainCommand'
import { TOKENIZER_FLAGS, tokenizerFromFlags } from './trainSettings'

const FLAGS = {
  corpus: 'string', out: 'string', ...phraseFlagSpec(''), top: { kind: 'integer', min: 0 }, ...TOKENIZER_FLAGS,
} as const

const DEFAULT_TOP = 20

export const PHRASES_USAGE = `Usage: w2v phrases --corpus <file> --out <file> [options]

  Joins frequent word pairs into one token ("new york" → new_york) as word2phrase and gensim's
  Phrases do, writes the corpus with them joined (a sentence a line, tokens separated by spaces)
  and prints the phrases joined most often with their scores.

  --min-count N        pairs seen this often or less never join (default ${DEFAULT_PHRASE_OPTIONS.minCount})
  --threshold X        join a pair whose score is above X (default ${DEFAULT_PHRASE_OPTIONS.threshold}; between −1 and 1 for npmi)
  --scoring default|npmi   (count(ab) − min-count) / (count(a)·count(b)) · |vocab|, or normalised PMI
  --max-vocab N        words and pairs counted at most; beyond it the rarest are forgotten (default ${formatCount(DEFAULT_PHRASE_OPTIONS.maxVocab)})
  --delimiter S        joins a phrase's words (default ${DEFAULT_PHRASE_OPTIONS.delimiter})
  --passes N           a second pass joins joined tokens again: phrases of 3 and 4 words (default ${DEFAULT_PHRASE_OPTIONS.passes})
  --top N              phrases to print (default ${DEFAULT_TOP}; 0 prints none)
  corpus: --keep-case  --keep-punctuation  --strip-numbers  --segment spaces|words|whitespace  --format plain|cs224n
`

export async function phrasesCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, FLAGS)
  expectPositional(positional, 0, 'no positional arguments')
  const corpusPath = flags.corpus as string | undefined
  const outPath = flags.out as string | undefined
  if (!corpusPath) throw new UsageError('--corpus <file> is required')
  if (!outPath) throw new UsageError('--out <file> is required: where the corpus with its phrases joined goes')
  const options = phraseOptionsFromFlags(flags, '')
  const top = (flags.top as number | undefined) ?? DEFAULT_TOP
  await checkOutputLocations([{ path: outPath, description: 'the joined corpus' }], [{ path: corpusPath, description: 'the corpus' }])

  const controller = new AbortController()
  const removeInterrupt = io.onInterrupt(() => controller.abort())
  const { signal } = controller
  let lastDraw = 0
  const show = (label: string, fraction: number): void => {
    if (!io.stderrIsTTY) return
    const now = performance.now()
    if (now - lastDraw < 100 && fraction !== 1) return
    lastDraw = now
    io.stderr(`\r\x1b[K${label} ${progressBar(fraction)}`)
  }
  const endLine = (): void => {
    if (io.stderrIsTTY) io.stderr('\n')
  }
  try {
    const { raw, phrases } = await readCorpusFile(corpusPath, {
      tokenizer: { ...tokenizerFromFlags(flags, DEFAULT_TOKENIZER_OPTIONS), phrases: options }, signal, createSink: () => new FileTokenSink(), topPhrases: top,
      onProgress: (read, total) => show('Reading', total > 0 ? read / total : 1),
      beforePhrases: () => Promise.resolve(endLine()),
      onPhrasesProgress: (fraction) => show(`Joining phrases (${options.passes} ${options.passes === 1 ? 'pass' : 'passes'})`, fraction),
    })
    endLine()
    try {
      await writeCorpusText(raw, outPath, { signal, onProgress: (sentences) => show('Writing', sentences / raw.sentenceCount) })
    } finally {
      releaseTokenStore(raw.store)
    }
    endLine()
    const { top: best, distinct, joins, tokensBefore, prunings } = phrases!
    if (best.length > 0) io.stdout(formatTable(['phrase', 'score', 'joins', 'pass'], best.map((f) => [f.phrase, f.score.toFixed(4), f.count, f.pass])) + '\n\n')
    io.stdout(`${formatCount(distinct)} ${distinct === 1 ? 'phrase' : 'phrases'} joined ${formatCount(joins)} ${joins === 1 ? 'time' : 'times'}; ${formatCount(tokensBefore)} tokens became ${formatCount(raw.tokenCount)}. Wrote ${outPath}.\n`)
    if (prunings > 0) io.stdout(`The counts reached --max-vocab and forgot their rarest words and pairs ${prunings} times: raise --max-vocab for exact counts.\n`)
    return 0
  } finally {
    removeInterrupt()
  }
}
