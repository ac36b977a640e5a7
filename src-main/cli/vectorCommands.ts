/**
 * The commands that work on vector files: export (from a checkpoint), convert, neighbors,
 * analogy and eval. Each checks all its flags (and where it will write) before reading any
 * input, does its work through node/ and core/, and prints a table or JSON. Errors a user can
 * cause become one line and an exit code (see runCli).
 */
import { readFile } from 'node:fs/promises'
import {
  type AnalogyEvaluation, type AnalogyMethod, type WordPairEvaluation, ANALOGY_METHODS, MIN_RESTRICT_VOCAB, MIN_TOP_K, NoKnownWordsError,
  buildVectorIndex, analogy, doesntMatch, evaluateAnalogies, evaluateWordPairs, formatWordExpression, mostSimilar, nearestNeighbours,
  parseAnalogyFile, parseWordExpression, parseWordPairFile,
} from '../core/evaluation/index'
import {
  type Embeddings, type VectorFormat, type VectorKind, MIN_TOP_WORDS, VECTOR_FORMATS, VECTOR_KINDS, companionPath, formatFromPath,
  normalizeEmbeddings, topWords,
} from '../core/vectors/index'
import { type NamedFile, checkOutputLocations } from '../node/outputLocation'
import { loadTrainingCheckpoint, trainedEmbeddings } from '../node/training/trainingCheckpoint'
import { MIN_READ_LIMIT, readEmbeddings } from '../node/vectors/readEmbeddings'
import { resolveExportFormat, writeEmbeddings } from '../node/vectors/writeEmbeddings'
import { type FlagValues, UsageError, expectPositional, parseFlags } from './flags'
import { formatCount } from './progressLine'
import { formatTable } from './table'
import { showControls } from '../core/contract/visibleControls'
import type { CliIo } from './trainCommand'

const FORMAT_IDS = VECTOR_FORMATS.map((f) => f.format)
const ENCODING_ERRORS = ['replace', 'strict'] as const
/** gensim's evaluate_word_analogies / evaluate_word_pairs default. */
export const GENSIM_RESTRICT_VOCAB = 300_000

const num = (flags: FlagValues, name: string): number | undefined => flags[name] as number | undefined

/** The flags export and convert share: how the written file is shaped. */
const SHAPE_FLAGS = { format: FORMAT_IDS, top: { kind: 'integer', min: MIN_TOP_WORDS }, normalize: 'boolean', json: 'boolean' } as const
/** The flags of every command that reads a vectors file. */
const READ_FLAGS = { from: FORMAT_IDS, limit: { kind: 'integer', min: MIN_READ_LIMIT }, 'encoding-errors': ENCODING_ERRORS } as const

/** Applies --top and --normalize, the options export and convert share. */
function shape(embeddings: Embeddings, flags: FlagValues): Embeddings {
  const top = num(flags, 'top')
  const limited = top === undefined ? embeddings : topWords(embeddings, top)
  return flags.normalize === true ? normalizeEmbeddings(limited) : limited
}

/** The format `path` will be written in: from --format or its extension, refused before any input is read. */
function outputFormat(path: string, flags: FlagValues): VectorFormat {
  return resolveExportFormat(path, flags.format as VectorFormat | undefined)
}

/** A file and, for the two-file formats, its companion, named as messages name them. */
function filesOf(path: string, format: VectorFormat | null, description: string): NamedFile[] {
  const companion = format === null ? null : companionPath(path, format)
  return companion === null ? [{ path, description }] : [{ path, description }, { path: companion, description: `the word list of ${description}` }]
}

async function write(io: CliIo, path: string, format: VectorFormat, embeddings: Embeddings, flags: FlagValues): Promise<number> {
  const { files } = await writeEmbeddings(path, embeddings, { format })
  const summary = { words: embeddings.words.length, dim: embeddings.dim, files }
  io.stdout(flags.json === true ? JSON.stringify(summary) + '\n' : `Wrote ${formatCount(summary.words)} vectors of dimension ${summary.dim} to ${showControls(files.join(' and '))}.\n`)
  return 0
}

async function load(path: string, flags: FlagValues, io: CliIo): Promise<Embeddings> {
  const limit = num(flags, 'limit')
  const { embeddings, warnings } = await readEmbeddings(path, {
    ...(flags.from ? { format: flags.from as VectorFormat } : {}),
    ...(limit === undefined ? {} : { limit }),
    encodingErrors: (flags['encoding-errors'] as (typeof ENCODING_ERRORS)[number] | undefined) ?? 'replace',
  })
  for (const warning of warnings) io.stderr(`Warning: ${showControls(warning)}\n`)
  return embeddings
}

export const EXPORT_USAGE = `Usage: w2v export --checkpoint <file.w2vckpt> --out <file> [--format ${FORMAT_IDS.join('|')}]
                  [--vectors ${VECTOR_KINDS.join('|')}] [--top N] [--normalize] [--json]`

export async function exportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, { ...SHAPE_FLAGS, checkpoint: 'string', out: 'string', vectors: VECTOR_KINDS })
  expectPositional(positional, 0, 'no positional arguments')
  if (typeof flags.checkpoint !== 'string') throw new UsageError('--checkpoint <file> is required')
  if (typeof flags.out !== 'string') throw new UsageError('--out <file> is required')
  const format = outputFormat(flags.out, flags)
  await checkOutputLocations(filesOf(flags.out, format, 'the vectors'), [{ path: flags.checkpoint, description: 'the checkpoint' }])
  const checkpoint = await loadTrainingCheckpoint(flags.checkpoint)
  const embeddings = trainedEmbeddings(checkpoint, (flags.vectors as VectorKind | undefined) ?? 'center')
  return write(io, flags.out, format, shape(embeddings, flags), flags)
}

export const CONVERT_USAGE = `Usage: w2v convert <in> <out> [--from FORMAT] [--format FORMAT] [--limit N] [--top N] [--normalize]
                  [--encoding-errors replace|strict] [--json]      formats: ${FORMAT_IDS.join(', ')}`

export async function convertCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, { ...SHAPE_FLAGS, ...READ_FLAGS })
  expectPositional(positional, 2, 'an input and an output file')
  const [input, output] = positional as [string, string]
  const format = outputFormat(output, flags)
  await checkOutputLocations(filesOf(output, format, 'the vectors'), filesOf(input, (flags.from as VectorFormat | undefined) ?? formatFromPath(input), 'the input vectors'))
  return write(io, output, format, shape(await load(input, flags, io), flags), flags)
}

/** The flags of every command that reads a --vectors file. */
const VECTORS_FLAGS = { ...READ_FLAGS, vectors: 'string', json: 'boolean' } as const
const QUERY_FLAGS = { ...VECTORS_FLAGS, k: { kind: 'integer', min: MIN_TOP_K } } as const

function vectorsPath(flags: FlagValues): string {
  if (typeof flags.vectors !== 'string') throw new UsageError('--vectors <file> is required')
  return flags.vectors
}

export const NEIGHBORS_USAGE = 'Usage: w2v neighbors --vectors <file> <word> [-k 10] [--metric cosine|euclidean] [--json]'

export async function neighborsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, { ...QUERY_FLAGS, metric: ['cosine', 'euclidean'] })
  const path = vectorsPath(flags)
  expectPositional(positional, 1, 'one word')
  const index = buildVectorIndex(await load(path, flags, io))
  const neighbours = nearestNeighbours(index, positional[0]!, { k: num(flags, 'k') ?? 10, metric: (flags.metric as 'cosine' | 'euclidean' | undefined) ?? 'cosine' })
  io.stdout(flags.json === true
    ? JSON.stringify({ word: positional[0], neighbours }) + '\n'
    : formatTable(['word', flags.metric === 'euclidean' ? 'distance' : 'cosine'], neighbours.map((n) => [n.word, n.score.toFixed(4)])) + '\n')
  return 0
}

const METHOD_FLAG = { method: ANALOGY_METHODS } as const
const methodOf = (flags: FlagValues): AnalogyMethod => (flags.method as AnalogyMethod | undefined) ?? '3CosAdd'

export const ANALOGY_USAGE = `Usage: w2v analogy --vectors <file> <a> <b> <c> [-k 1] [--method ${ANALOGY_METHODS.join('|')}] [--json]   (a : b :: c : ?)`

export async function analogyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, { ...QUERY_FLAGS, ...METHOD_FLAG })
  const path = vectorsPath(flags)
  expectPositional(positional, 3, 'three words a b c (a : b :: c : ?)')
  const [a, b, c] = positional as [string, string, string]
  const index = buildVectorIndex(await load(path, flags, io))
  const answers = analogy(index, a, b, c, { k: num(flags, 'k') ?? 1, method: methodOf(flags) })
  io.stdout(flags.json === true
    ? JSON.stringify({ a, b, c, answers }) + '\n'
    : `${showControls(`${a} : ${b} :: ${c} : ?`)}\n` + formatTable(['answer', 'score'], answers.map((n) => [n.word, n.score.toFixed(4)])) + '\n')
  return 0
}

export const SIMILAR_USAGE = `Usage: w2v similar --vectors <file> "<expression>" [-k 10] [--method ${ANALOGY_METHODS.join('|')}] [--json]
  The expression adds and subtracts words, with optional weights: "king - man + woman", "paris - france + 0.5 * italy".
  Put a space on each side of + and -. 3CosMul takes no weights. The expression's words are never answers.`

export async function similarCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, { ...QUERY_FLAGS, ...METHOD_FLAG })
  const path = vectorsPath(flags)
  if (positional.length === 0) throw new UsageError('expected an expression such as "king - man + woman"')
  // Quoted or not: the words of an unquoted expression arrive as separate arguments.
  const terms = parseWordExpression(positional.join(' '))
  const index = buildVectorIndex(await load(path, flags, io))
  const neighbours = mostSimilar(index, terms, { k: num(flags, 'k') ?? 10, method: methodOf(flags) })
  io.stdout(flags.json === true
    ? JSON.stringify({ terms, method: methodOf(flags), neighbours }) + '\n'
    : `${showControls(formatWordExpression(terms))}  (${methodOf(flags)})\n` + formatTable(['word', methodOf(flags) === '3CosAdd' ? 'cosine' : '3CosMul'], neighbours.map((n) => [n.word, n.score.toFixed(4)])) + '\n')
  return 0
}

export const ODD_ONE_OUT_USAGE = `Usage: w2v odd-one-out --vectors <file> <word> <word> … [--json]
  The word least like the others (gensim's doesnt_match), with each word's cosine to the group's mean direction.
  Words not in the vocabulary are named on stderr and left out.`

export async function oddOneOutCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, VECTORS_FLAGS)
  const path = vectorsPath(flags)
  if (positional.length === 0) throw new UsageError('expected the words to compare, such as breakfast lunch cereal dinner')
  const index = buildVectorIndex(await load(path, flags, io))
  const { word, ranking, unknown } = doesntMatch(index, positional)
  if (unknown.length > 0) io.stderr(`Not in the vocabulary, left out: ${showControls(unknown.join(', '))}\n`)
  io.stdout(flags.json === true
    ? JSON.stringify({ word, ranking, unknown }) + '\n'
    : `Odd one out: ${showControls(word)}\n` + formatTable(['word', 'cosine to the mean'], ranking.map((n) => [n.word, n.score.toFixed(4)])) + '\n')
  return 0
}

export const EVAL_USAGE = `Usage: w2v eval --vectors <file> [--analogies <questions-words.txt>] [--similarity <pairs.tsv>]
                [--restrict N] [--case-sensitive] [--json]
  Defaults are gensim's: the ${formatCount(GENSIM_RESTRICT_VOCAB)} most frequent words, case-insensitive.`

async function readBenchmark(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new UsageError(code === 'ENOENT' ? `the benchmark file “${path}” does not exist` : `the benchmark file “${path}” cannot be read (${(error as Error).message})`)
  }
}

/** A benchmark's figures, or why it has none: one benchmark with nothing to score leaves the others standing. */
type BenchmarkOutcome<T> = { readonly result: T; readonly notComputable: null } | { readonly result: null; readonly notComputable: string }

function scoreBenchmark<T>(score: () => T): BenchmarkOutcome<T> {
  try {
    return { result: score(), notComputable: null }
  } catch (error) {
    // gensim raises for a word-pair file with no known pair, but it scores one file per call.
    if (error instanceof NoKnownWordsError) return { result: null, notComputable: error.message }
    throw error
  }
}

/** An accuracy over no answered question is undefined, shown as “—” (gensim's figure, 0, stays in --json). */
const percent = (fraction: number, answered: number): string => (answered === 0 ? '—' : (100 * fraction).toFixed(2))
const correlation = (value: number): string => (Number.isNaN(value) ? 'undefined' : value.toFixed(4))

function similarityJson(outcome: BenchmarkOutcome<WordPairEvaluation>): Record<string, unknown> {
  const { result, notComputable } = outcome
  if (result === null) return { spearman: null, pearson: null, notComputable }
  return { spearman: result.spearman, pearson: result.pearson, oovRatio: result.oovRatio, pairs: result.pairs, skipped: result.skipped, notComputable }
}

function similarityLine(outcome: BenchmarkOutcome<WordPairEvaluation>): string {
  const { result, notComputable } = outcome
  if (result === null) return `Word pairs: not computable. ${showControls(notComputable)}`
  const undefinedNote = Number.isNaN(result.spearman) || Number.isNaN(result.pearson)
    ? ' (a correlation needs two or more pairs whose human scores and cosines both vary)'
    : ''
  return `Word pairs: Spearman ${correlation(result.spearman)}, Pearson ${correlation(result.pearson)} over ${formatCount(result.pairs)} ${result.pairs === 1 ? 'pair' : 'pairs'}${undefinedNote}; ` +
    `${(100 * result.oovRatio).toFixed(1)}% out of vocabulary.`
}

export async function evalCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, {
    ...VECTORS_FLAGS, analogies: 'string', similarity: 'string', restrict: { kind: 'integer', min: MIN_RESTRICT_VOCAB }, 'case-sensitive': 'boolean',
  })
  const path = vectorsPath(flags)
  expectPositional(positional, 0, 'no positional arguments')
  if (typeof flags.analogies !== 'string' && typeof flags.similarity !== 'string') {
    throw new UsageError('name a benchmark: --analogies <questions-words.txt> and/or --similarity <word pairs .tsv>')
  }
  // Parse the benchmarks before the (possibly large) vectors, so a malformed line is reported at once.
  const analogyText = typeof flags.analogies === 'string' ? parseAnalogyFile(await readBenchmark(flags.analogies), flags.analogies) : null
  const pairs = typeof flags.similarity === 'string' ? parseWordPairFile(await readBenchmark(flags.similarity), flags.similarity) : null
  const index = buildVectorIndex(await load(path, flags, io))
  const options = { restrictVocab: num(flags, 'restrict') ?? GENSIM_RESTRICT_VOCAB, caseInsensitive: flags['case-sensitive'] !== true }
  const analogies: AnalogyEvaluation | null = analogyText ? evaluateAnalogies(index, analogyText, options) : null
  const similarity = pairs ? scoreBenchmark(() => evaluateWordPairs(index, pairs, options)) : null

  if (flags.json === true) {
    io.stdout(JSON.stringify({
      ...(analogies ? { analogies: { accuracy: analogies.accuracy, correct: analogies.correct, total: analogies.total, skipped: analogies.skipped, sections: analogies.sections } } : {}),
      ...(similarity ? { similarity: similarityJson(similarity) } : {}),
    }) + '\n')
    return 0
  }
  const out: string[] = []
  if (analogies) {
    out.push(formatTable(['section', 'correct', 'answered', 'accuracy %'], analogies.sections.map((s) => [s.section, s.correct, s.total, percent(s.accuracy, s.total)])))
    out.push(`Analogies: ${percent(analogies.accuracy, analogies.total)}${analogies.total > 0 ? '%' : ''} (${formatCount(analogies.correct)} of ${formatCount(analogies.total)} answered; ${formatCount(analogies.skipped)} skipped as out of vocabulary).`)
  }
  if (similarity) out.push(similarityLine(similarity))
  io.stdout(out.join('\n\n') + '\n')
  return 0
}
