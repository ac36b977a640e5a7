/**
 * The commands that work on vector files: export (from a checkpoint), convert, neighbors,
 * analogy and eval. Each parses its flags, does its work through node/ and core/, and prints a
 * table or JSON. Errors a user can cause become one line and exit code 2 (see runCli).
 */
import { readFile } from 'node:fs/promises'
import {
  type AnalogyEvaluation, type WordPairEvaluation, buildVectorIndex, analogy, evaluateAnalogies, evaluateWordPairs,
  nearestNeighbours, parseAnalogyFile, parseWordPairFile,
} from '../core/evaluation/index'
import {
  type Embeddings, type VectorFormat, type VectorKind, VECTOR_FORMATS, VECTOR_KINDS, companionPath, normalizeEmbeddings, topWords,
} from '../core/vectors/index'
import { checkOutputLocations } from '../node/outputLocation'
import { loadTrainingCheckpoint, trainedEmbeddings } from '../node/training/trainingCheckpoint'
import { readEmbeddings } from '../node/vectors/readEmbeddings'
import { resolveExportFormat, writeEmbeddings } from '../node/vectors/writeEmbeddings'
import { type FlagValues, UsageError, parseFlags } from './flags'
import { formatCount } from './progressLine'
import { formatTable } from './table'
import type { CliIo } from './trainCommand'

const FORMAT_IDS = VECTOR_FORMATS.map((f) => f.format)
const ENCODING_ERRORS = ['replace', 'strict'] as const
/** gensim's evaluate_word_analogies / evaluate_word_pairs default. */
export const GENSIM_RESTRICT_VOCAB = 300_000

const num = (flags: FlagValues, name: string): number | undefined => flags[name] as number | undefined

function requireOne(positional: readonly string[], count: number, what: string): void {
  if (positional.length !== count) throw new UsageError(`expected ${what}, got ${positional.length === 0 ? 'nothing' : positional.map((p) => `"${p}"`).join(' ')}`)
}

/** Applies --top and --normalize, the options export and convert share. */
function shape(embeddings: Embeddings, flags: FlagValues): Embeddings {
  const top = num(flags, 'top')
  const limited = top === undefined ? embeddings : topWords(embeddings, top)
  return flags.normalize === true ? normalizeEmbeddings(limited) : limited
}

async function write(io: CliIo, path: string, embeddings: Embeddings, flags: FlagValues): Promise<number> {
  const { files } = await writeEmbeddings(path, embeddings, { ...(flags.format ? { format: flags.format as VectorFormat } : {}) })
  const summary = { words: embeddings.words.length, dim: embeddings.dim, files }
  io.stdout(flags.json === true ? JSON.stringify(summary) + '\n' : `Wrote ${formatCount(summary.words)} vectors of dimension ${summary.dim} to ${files.join(' and ')}.\n`)
  return 0
}

async function load(path: string, flags: FlagValues, io: CliIo): Promise<Embeddings> {
  const limit = num(flags, 'limit')
  const { embeddings, warnings } = await readEmbeddings(path, {
    ...(flags.from ? { format: flags.from as VectorFormat } : {}),
    ...(limit === undefined ? {} : { limit }),
    encodingErrors: (flags['encoding-errors'] as (typeof ENCODING_ERRORS)[number] | undefined) ?? 'replace',
  })
  for (const warning of warnings) io.stderr(`Warning: ${warning}\n`)
  return embeddings
}

export const EXPORT_USAGE = `Usage: w2v export --checkpoint <file.w2vckpt> --out <file> [--format ${FORMAT_IDS.join('|')}]
                  [--vectors ${VECTOR_KINDS.join('|')}] [--top N] [--normalize] [--json]`

export async function exportCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, {
    checkpoint: 'string', out: 'string', format: FORMAT_IDS, vectors: VECTOR_KINDS, top: 'integer', normalize: 'boolean', json: 'boolean',
  })
  requireOne(positional, 0, 'no positional arguments')
  if (typeof flags.checkpoint !== 'string') throw new UsageError('--checkpoint <file> is required')
  if (typeof flags.out !== 'string') throw new UsageError('--out <file> is required')
  const format = resolveExportFormat(flags.out, flags.format as VectorFormat | undefined)
  const companion = companionPath(flags.out, format)
  await checkOutputLocations(
    [{ path: flags.out, description: 'the vectors' }, ...(companion ? [{ path: companion, description: 'the word list of the vectors' }] : [])],
    [{ path: flags.checkpoint, description: 'the checkpoint' }],
  )
  const checkpoint = await loadTrainingCheckpoint(flags.checkpoint)
  const embeddings = trainedEmbeddings(checkpoint, (flags.vectors as VectorKind | undefined) ?? 'center')
  return write(io, flags.out, shape(embeddings, flags), flags)
}

export const CONVERT_USAGE = `Usage: w2v convert <in> <out> [--from FORMAT] [--format FORMAT] [--limit N] [--top N] [--normalize]
                  [--encoding-errors replace|strict] [--json]      formats: ${FORMAT_IDS.join(', ')}`

export async function convertCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, {
    from: FORMAT_IDS, format: FORMAT_IDS, limit: 'integer', top: 'integer', normalize: 'boolean', 'encoding-errors': ENCODING_ERRORS, json: 'boolean',
  })
  requireOne(positional, 2, 'an input and an output file')
  const embeddings = await load(positional[0]!, flags, io)
  return write(io, positional[1]!, shape(embeddings, flags), flags)
}

const QUERY_FLAGS = { vectors: 'string', k: 'integer', json: 'boolean', limit: 'integer', from: FORMAT_IDS, 'encoding-errors': ENCODING_ERRORS } as const

function vectorsPath(flags: FlagValues): string {
  if (typeof flags.vectors !== 'string') throw new UsageError('--vectors <file> is required')
  return flags.vectors
}

export const NEIGHBORS_USAGE = 'Usage: w2v neighbors --vectors <file> <word> [-k 10] [--metric cosine|euclidean] [--json]'

export async function neighborsCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, { ...QUERY_FLAGS, metric: ['cosine', 'euclidean'] })
  const path = vectorsPath(flags)
  requireOne(positional, 1, 'one word')
  const index = buildVectorIndex(await load(path, flags, io))
  const neighbours = nearestNeighbours(index, positional[0]!, { k: num(flags, 'k') ?? 10, metric: (flags.metric as 'cosine' | 'euclidean' | undefined) ?? 'cosine' })
  io.stdout(flags.json === true
    ? JSON.stringify({ word: positional[0], neighbours }) + '\n'
    : formatTable(['word', flags.metric === 'euclidean' ? 'distance' : 'cosine'], neighbours.map((n) => [n.word, n.score.toFixed(4)])) + '\n')
  return 0
}

export const ANALOGY_USAGE = 'Usage: w2v analogy --vectors <file> <a> <b> <c> [-k 1] [--method 3CosAdd|3CosMul] [--json]   (a : b :: c : ?)'

export async function analogyCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, { ...QUERY_FLAGS, method: ['3CosAdd', '3CosMul'] })
  const path = vectorsPath(flags)
  requireOne(positional, 3, 'three words a b c (a : b :: c : ?)')
  const [a, b, c] = positional as [string, string, string]
  const index = buildVectorIndex(await load(path, flags, io))
  const answers = analogy(index, a, b, c, { k: num(flags, 'k') ?? 1, method: (flags.method as '3CosAdd' | '3CosMul' | undefined) ?? '3CosAdd' })
  io.stdout(flags.json === true
    ? JSON.stringify({ a, b, c, answers }) + '\n'
    : `${a} : ${b} :: ${c} : ?\n` + formatTable(['answer', 'score'], answers.map((n) => [n.word, n.score.toFixed(4)])) + '\n')
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

export async function evalCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, { ...QUERY_FLAGS, analogies: 'string', similarity: 'string', restrict: 'integer', 'case-sensitive': 'boolean' })
  const path = vectorsPath(flags)
  requireOne(positional, 0, 'no positional arguments')
  if (typeof flags.analogies !== 'string' && typeof flags.similarity !== 'string') {
    throw new UsageError('name a benchmark: --analogies <questions-words.txt> and/or --similarity <word pairs .tsv>')
  }
  // Parse the benchmarks before the (possibly large) vectors, so a malformed line is reported at once.
  const analogyText = typeof flags.analogies === 'string' ? parseAnalogyFile(await readBenchmark(flags.analogies), flags.analogies) : null
  const pairs = typeof flags.similarity === 'string' ? parseWordPairFile(await readBenchmark(flags.similarity), flags.similarity) : null
  const index = buildVectorIndex(await load(path, flags, io))
  const options = { restrictVocab: num(flags, 'restrict') ?? GENSIM_RESTRICT_VOCAB, caseInsensitive: flags['case-sensitive'] !== true }
  const analogies: AnalogyEvaluation | null = analogyText ? evaluateAnalogies(index, analogyText, options) : null
  const similarity: WordPairEvaluation | null = pairs ? evaluateWordPairs(index, pairs, options) : null

  if (flags.json === true) {
    io.stdout(JSON.stringify({
      ...(analogies ? { analogies: { accuracy: analogies.accuracy, correct: analogies.correct, total: analogies.total, skipped: analogies.skipped, sections: analogies.sections } } : {}),
      ...(similarity ? { similarity: { spearman: similarity.spearman, pearson: similarity.pearson, oovRatio: similarity.oovRatio, pairs: similarity.pairs, skipped: similarity.skipped } } : {}),
    }) + '\n')
    return 0
  }
  const out: string[] = []
  if (analogies) {
    out.push(formatTable(['section', 'correct', 'answered', 'accuracy %'], analogies.sections.map((s) => [s.section, s.correct, s.total, (100 * s.accuracy).toFixed(2)])))
    out.push(`Analogies: ${(100 * analogies.accuracy).toFixed(2)}% (${formatCount(analogies.correct)} of ${formatCount(analogies.total)} answered; ${formatCount(analogies.skipped)} skipped as out of vocabulary).`)
  }
  if (similarity) {
    out.push(`Word pairs: Spearman ${similarity.spearman.toFixed(4)}, Pearson ${similarity.pearson.toFixed(4)} over ${formatCount(similarity.pairs)} pairs; ${(100 * similarity.oovRatio).toFixed(1)}% out of vocabulary.`)
  }
  io.stdout(out.join('\n\n') + '\n')
  return 0
}
