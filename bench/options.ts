/** Command-line options of `npm run bench`. */
import { SCALE_KINDS, type ScaleCorpusSpec, type ScaleKind } from './scaleCorpus'

export const ENGINE_IDS = ['ours', 'gensim', 'gensim-corpusfile', 'fasttext', 'ours-corpusfile-rate'] as const
export type EngineId = (typeof ENGINE_IDS)[number]

/** The losses every engine has: word2vec's negative sampling and hierarchical softmax (gensim hs=1 negative=0, fastText -loss hs). */
export const BENCH_LOSSES = ['negSampling', 'hierarchicalSoftmax'] as const
export type BenchLoss = (typeof BENCH_LOSSES)[number]

export interface BenchOptions {
  /** The thread count the targets are checked at. */
  threads: number
  /** Without it, every engine also runs at 1 thread. */
  skipSingle: boolean
  /** Runs per engine at the main thread count, one seed each: the best wall time counts, quality is their mean. */
  repeat: number
  engines: EngineId[]
  python: string
  /** The scale tier (issue 13 §6): a generated corpus instead of State of the Union, 1 epoch. */
  scale: ScaleCorpusSpec | null
  /** With the scale tier: ours alone on the corpus and on one MEMORY_RUN_FACTOR times as long, to show peak memory flat in corpus length. */
  memoryRun: boolean
  /** The course tier (courseTier.ts): the assignment's run, --repeat seeds. */
  course: boolean
  /** The loss every engine trains with. */
  loss: BenchLoss
}

/** The memory run's second corpus is this many times the first's length (issue 13: 5×, peaks within 10 %). */
export const MEMORY_RUN_FACTOR = 5

/**
 * The scale tier compares ours with gensim's two reading paths, as the table does, and
 * ours at the learning rate gensim's corpus_file path really uses (engines.ts), so that quality
 * is also compared at equal rates.
 */
export const SCALE_ENGINES: readonly EngineId[] = ['ours', 'gensim', 'gensim-corpusfile', 'ours-corpusfile-rate']
/** State of the Union trains 5 epochs, where corpus_file's rate is a sawtooth no linear decay of ours repeats. */
const SOTU_ENGINES: readonly EngineId[] = ENGINE_IDS.filter((engine) => engine !== 'ours-corpusfile-rate')
/** The Zipf law's types when --types is not given: the 1M. */
export const SCALE_DEFAULT_TYPES = 1_000_000

/** Runs of the engines that only inform (gensim corpus_file, fastText) at the main thread count. */
export const INFORMATION_REPEATS = 3

export const BENCH_USAGE = `Usage: npm run bench -- [options]

Trains skip-gram word2vec on the State of the Union corpus with our engine, gensim 4 and
fastText under the same settings, then compares speed, peak memory and vector quality.

Options:
  --threads N        thread count for the main rows and the targets (default 2)
  --skip-single      do not also run every engine at 1 thread
  --repeat N         runs of ours and gensim at the main thread count, seeds 1..N: the best wall
                     time counts and quality is the mean over the seeds (default 10; the other
                     engines run at most ${INFORMATION_REPEATS} times, the 1-thread rows once)
  --engines LIST     comma-separated subset of ${ENGINE_IDS.join(',')} (default: ${SOTU_ENGINES.join(',')})
  --python PATH      Python 3 with gensim, used to measure and evaluate (default /usr/bin/python3)
  --loss LOSS        ${BENCH_LOSSES.join(' or ')} (default negSampling): every engine trains with it
                     (hierarchicalSoftmax: gensim hs=1 negative=0, fastText -loss hs)

Scale tier: a generated corpus, 1 epoch, the main thread count only; ${SCALE_ENGINES.join(', ')},
one run each, unless --engines or --repeat say otherwise.
  --scale N          corpus tokens, e.g. 5M or 30M (k, M, G: thousands, millions, billions)
  --kind KIND        ${SCALE_KINDS.join(' or ')} (default planted: Zipf filler with planted analogy relations
                     and their questions; zipf: filler only, no quality figures)
  --types N          word types of the Zipf law (default 1M)
  --corpus-seed N    the generator's seed (default 1)
  --memory-run       ours alone, on the corpus and on one ${MEMORY_RUN_FACTOR}× as long (same law and seed): peak
                     memory must not grow with length. Pick --types small enough that both
                     corpora keep the same vocabulary (e.g. --kind zipf --types 50k).

Course tier: the CS224n assignment's run, ours alone (no peer has the course's schedule).
  --course           w2v train --preset cs224n, 40,000 iterations, on a datasetSentences.txt of the
                     treebank's size made from Moby-Dick; --repeat seeds (default 3), one row each
  --help             show this text
`

export class BenchUsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BenchUsageError'
  }
}

const DEFAULTS: BenchOptions = {
  threads: 2, skipSingle: false, repeat: 10, engines: [...SOTU_ENGINES], python: '/usr/bin/python3', scale: null, memoryRun: false, course: false, loss: 'negSampling',
}

const MULTIPLIERS: Record<string, number> = { '': 1, k: 1e3, m: 1e6, g: 1e9 }

/** A count such as 30M, 1.5k or 200000. */
export function parseCount(flag: string, value: string | undefined): number {
  const match = /^(\d+(?:\.\d+)?)([kmg]?)$/i.exec(value ?? '')
  const n = match ? Math.round(Number(match[1]) * MULTIPLIERS[match[2]!.toLowerCase()]!) : NaN
  if (!(n >= 1)) throw new BenchUsageError(`${flag} needs a count of at least 1 such as 5M or 200k, got ${value ?? 'nothing'}.`)
  return n
}

function positiveInteger(flag: string, value: string | undefined): number {
  const n = Number(value)
  if (value === undefined || !Number.isInteger(n) || n < 1) throw new BenchUsageError(`${flag} needs a whole number of at least 1, got ${value ?? 'nothing'}.`)
  return n
}

function engineList(value: string | undefined): EngineId[] {
  const names = (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '')
  if (names.length === 0) throw new BenchUsageError(`--engines needs a comma-separated list of ${ENGINE_IDS.join(', ')}.`)
  for (const name of names) {
    if (!(ENGINE_IDS as readonly string[]).includes(name)) throw new BenchUsageError(`--engines: unknown engine "${name}"; choose from ${ENGINE_IDS.join(', ')}.`)
  }
  // Keep the canonical order so tables read the same whatever order was typed.
  return ENGINE_IDS.filter((id) => names.includes(id))
}

/** Parses argv (without node and the script); returns 'help' when help was asked for. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions | 'help' {
  const options: BenchOptions = { ...DEFAULTS, engines: [...DEFAULTS.engines] }
  const given = new Set<string>()
  let scaleTokens: number | null = null
  let kind: ScaleKind = 'planted'
  let types = SCALE_DEFAULT_TYPES
  let corpusSeed = 1
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const eq = arg.indexOf('=')
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg
    const takeValue = (): string | undefined => (eq > 0 && flag !== arg ? arg.slice(eq + 1) : argv[++i])
    given.add(flag)
    switch (flag) {
      case '--threads': options.threads = positiveInteger(flag, takeValue()); break
      case '--repeat': options.repeat = positiveInteger(flag, takeValue()); break
      case '--engines': options.engines = engineList(takeValue()); break
      case '--python': {
        const value = takeValue()
        if (!value) throw new BenchUsageError('--python needs the path of a Python 3 interpreter.')
        options.python = value
        break
      }
      case '--skip-single': options.skipSingle = true; break
      case '--scale': scaleTokens = parseCount(flag, takeValue()); break
      case '--types': types = parseCount(flag, takeValue()); break
      case '--corpus-seed': corpusSeed = positiveInteger(flag, takeValue()); break
      case '--memory-run': options.memoryRun = true; break
      case '--course': options.course = true; break
      case '--loss': {
        const value = takeValue()
        if (!(BENCH_LOSSES as readonly (string | undefined)[]).includes(value)) throw new BenchUsageError(`--loss needs ${BENCH_LOSSES.join(' or ')}, got ${value ?? 'nothing'}.`)
        options.loss = value as BenchLoss
        break
      }
      case '--kind': {
        const value = takeValue()
        if (!(SCALE_KINDS as readonly (string | undefined)[]).includes(value)) throw new BenchUsageError(`--kind needs ${SCALE_KINDS.join(' or ')}, got ${value ?? 'nothing'}.`)
        kind = value as ScaleKind
        break
      }
      case '--help': case '-h': return 'help'
      default: throw new BenchUsageError(`unknown option ${arg}.`)
    }
  }
  if (options.course) {
    const stray = ['--scale', '--kind', '--types', '--corpus-seed', '--memory-run', '--engines', '--loss'].filter((f) => given.has(f))
    if (stray.length > 0) throw new BenchUsageError(`${stray.join(', ')} cannot be used with --course, which runs ours alone on the course's schedule.`)
    return { ...options, repeat: given.has('--repeat') ? options.repeat : 3, engines: ['ours'] }
  }
  if (scaleTokens === null) {
    const stray = ['--kind', '--types', '--corpus-seed', '--memory-run'].filter((f) => given.has(f))
    if (stray.length > 0) throw new BenchUsageError(`${stray.join(', ')} ${stray.length === 1 ? 'applies' : 'apply'} only to the scale tier; add --scale N.`)
    return options
  }
  // The scale tier's runs are long: one run of each engine at the main thread count unless asked.
  return {
    ...options,
    skipSingle: true,
    repeat: given.has('--repeat') ? options.repeat : 1,
    // The memory run is about our process alone.
    engines: options.memoryRun ? ['ours'] : given.has('--engines') ? options.engines : [...SCALE_ENGINES],
    scale: { kind, tokens: scaleTokens, types, seed: corpusSeed },
  }
}

/** The main thread count first, then 1 unless skipped or already the main count. */
export function threadCounts(options: Pick<BenchOptions, 'threads' | 'skipSingle'>): number[] {
  return options.skipSingle || options.threads === 1 ? [options.threads] : [options.threads, 1]
}


/**
 * How many seeded runs an engine gets at a thread count. The targets compare mean quality of
 * ours and gensim LineSentence, and one seed's analogy accuracy spreads by ±0.4 points, so those
 * two run `repeat` times; the information-only rows need fewer, and the 1-thread rows one.
 */
export function runsFor(engine: EngineId, threads: number, options: Pick<BenchOptions, 'threads' | 'repeat'>): number {
  if (threads !== options.threads) return 1
  return engine === 'ours' || engine === 'gensim' ? options.repeat : Math.min(options.repeat, INFORMATION_REPEATS)
}
