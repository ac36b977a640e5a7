import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import {
  type TokenizerOptions, type Vocabulary, buildVocabulary, encodeCorpus,
} from '../core/corpus/index'
import { COURSE_PRESET, CourseTrainer, type CourseConfig } from '../core/training/courseTrainer'
import { type StreamingConfig, streamingConfigWarnings, validateStreamingConfig, word2vecDefaults } from '../core/training/streamingConfig'
import { readCorpusFile } from '../node/corpusFile'
import { CourseRunner } from '../node/training/courseRunner'
import { chooseKernel } from '../node/training/kernelModule'
import { StreamingTrainer } from '../node/training/streamingTrainer'
import {
  type CorpusSettings, type ScheduleSettings, type TrainingCheckpoint, type TrainingState, loadTrainingCheckpoint, saveTrainingCheckpoint,
} from '../node/training/trainingCheckpoint'
import { writeWord2vecVectors } from '../node/word2vecFormat'
import { type FlagValues, UsageError, parseFlags } from './flags'
import { formatCount, formatDuration, progressBar } from './progressLine'
import { terminalSafe } from './terminalText'

/** Where a command writes, and how it hears Ctrl-C: real streams in `w2v`, buffers in tests. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  readonly stderrIsTTY: boolean
  /** Registers a handler for an interrupt (Ctrl-C); returns a function that removes it. */
  onInterrupt(handler: () => void): () => void
}

export const TRAIN_FLAGS = {
  corpus: 'string', out: 'string', model: ['skipgram', 'cbow'], loss: ['negSampling', 'naiveSoftmax'], dim: 'integer',
  window: 'integer', negative: 'integer', 'min-count': 'integer', 'max-vocab': 'integer', sample: 'number', alpha: 'number',
  'min-alpha': 'number', epochs: 'integer', threads: 'integer', seed: 'integer', schedule: ['word2vec', 'cs224n'],
  iterations: 'integer', batch: 'integer', optimizer: ['sgd', 'momentum', 'adam'], 'anneal-every': 'integer',
  'cbow-sum': 'boolean', 'keep-case': 'boolean', 'keep-punctuation': 'boolean', 'strip-numbers': 'boolean',
  segment: ['spaces', 'words'], format: ['plain', 'cs224n'], checkpoint: 'string', resume: 'string', json: 'boolean',
} as const

export const TRAIN_USAGE = `Usage: w2v train --corpus <file> --out <vectors.txt|.vec|.bin> [options]

  --schedule word2vec|cs224n  streaming epochs (default) or the course's minibatch SGD
  --model skipgram|cbow       --loss negSampling|naiveSoftmax
  --dim N  --window N  --negative K  --min-count N  --max-vocab N  --sample T
  --alpha A  --min-alpha A  --epochs N  --threads N  --seed N  --cbow-sum
  cs224n schedule: --iterations N  --batch B  --optimizer sgd|momentum|adam  --anneal-every N
                   (--alpha is the step; defaults: dim 10, window 5, K 10, step 0.3, 40,000 iterations)
  corpus: --keep-case  --keep-punctuation  --strip-numbers  --segment spaces|words  --format plain|cs224n
  --checkpoint <file>  save the run there when it ends or is interrupted (Ctrl-C)
  --resume <file>      continue a saved run (same corpus; its settings are kept, --threads may change)
  --json               JSON lines on stdout: progress objects, then a summary
`

const num = (flags: FlagValues, name: string): number | undefined => flags[name] as number | undefined

function streamingSettings(flags: FlagValues): StreamingConfig {
  const model = (flags.model as StreamingConfig['model'] | undefined) ?? 'skipgram'
  const base = word2vecDefaults(model, num(flags, 'threads') ?? availableParallelism())
  const config: StreamingConfig = {
    ...base,
    loss: (flags.loss as StreamingConfig['loss'] | undefined) ?? base.loss,
    dim: num(flags, 'dim') ?? base.dim,
    window: num(flags, 'window') ?? base.window,
    negatives: num(flags, 'negative') ?? base.negatives,
    sample: num(flags, 'sample') ?? base.sample,
    alpha: num(flags, 'alpha') ?? base.alpha,
    minAlpha: num(flags, 'min-alpha') ?? Math.min(base.minAlpha, num(flags, 'alpha') ?? base.alpha),
    epochs: num(flags, 'epochs') ?? base.epochs,
    seed: num(flags, 'seed') ?? base.seed,
    cbowMean: flags['cbow-sum'] !== true,
  }
  validateStreamingConfig(config)
  return config
}

function courseSettings(flags: FlagValues): CourseConfig {
  return {
    ...COURSE_PRESET,
    model: (flags.model as CourseConfig['model'] | undefined) ?? COURSE_PRESET.model,
    loss: (flags.loss as CourseConfig['loss'] | undefined) ?? COURSE_PRESET.loss,
    dim: num(flags, 'dim') ?? COURSE_PRESET.dim,
    windowSize: num(flags, 'window') ?? COURSE_PRESET.windowSize,
    negatives: num(flags, 'negative') ?? COURSE_PRESET.negatives,
    step: num(flags, 'alpha') ?? COURSE_PRESET.step,
    iterations: num(flags, 'iterations') ?? COURSE_PRESET.iterations,
    batchSize: num(flags, 'batch') ?? COURSE_PRESET.batchSize,
    annealEvery: num(flags, 'anneal-every') ?? COURSE_PRESET.annealEvery,
    optimizer: (flags.optimizer as CourseConfig['optimizer'] | undefined) ?? COURSE_PRESET.optimizer,
    cbowMean: false,
    sample: num(flags, 'sample') ?? COURSE_PRESET.sample,
    seed: num(flags, 'seed') ?? COURSE_PRESET.seed,
  }
}

function corpusSettings(flags: FlagValues, schedule: ScheduleSettings['schedule']): CorpusSettings {
  const tokenizer: Partial<TokenizerOptions> = {
    lowercase: flags['keep-case'] !== true,
    punctuation: flags['keep-punctuation'] === true ? 'keep' : 'strip',
    numbers: flags['strip-numbers'] === true ? 'strip' : 'keep',
    segmentation: (flags.segment as TokenizerOptions['segmentation'] | undefined) ?? 'spaces',
    format: (flags.format as TokenizerOptions['format'] | undefined) ?? 'plain',
  }
  const maxVocab = num(flags, 'max-vocab')
  return { tokenizer, minCount: num(flags, 'min-count') ?? (schedule === 'cs224n' ? 1 : 5), ...(maxVocab === undefined ? {} : { maxVocab }) }
}

/** Reports to the terminal (a redrawn bar) or as JSON lines. */
class TrainReporter {
  private lastBar = 0

  constructor(private readonly io: CliIo, private readonly json: boolean) {}

  event(event: Record<string, unknown>, line: () => string): void {
    if (this.json) {
      this.io.stdout(JSON.stringify(event) + '\n')
    } else if (this.io.stderrIsTTY) {
      const now = performance.now()
      if (now - this.lastBar < 100 && event.fraction !== 1) return
      this.lastBar = now
      this.io.stderr(`\r\x1b[K${line()}`)
    }
  }

  note(text: string): void {
    if (this.json) this.io.stdout(JSON.stringify({ type: 'notice', message: text }) + '\n')
    else this.io.stderr(`${this.io.stderrIsTTY ? '\r\x1b[K' : ''}${terminalSafe(text)}\n`)
  }
}

export async function trainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const started = performance.now()
  const { flags, positional } = parseFlags(argv, TRAIN_FLAGS)
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`)
  const corpusPath = flags.corpus as string | undefined
  const outPath = flags.out as string | undefined
  if (!corpusPath) throw new UsageError('--corpus <file> is required')
  if (!outPath) throw new UsageError('--out <vectors file> is required')
  const json = flags.json === true
  const reporter = new TrainReporter(io, json)

  const resumed: TrainingCheckpoint | null = typeof flags.resume === 'string' ? await loadTrainingCheckpoint(flags.resume) : null
  let settings: ScheduleSettings
  if (resumed) {
    const threads = num(flags, 'threads')
    settings = resumed.settings.schedule === 'word2vec' && threads !== undefined
      ? { schedule: 'word2vec', config: { ...resumed.settings.config, threads } }
      : resumed.settings
  } else {
    settings = flags.schedule === 'cs224n' ? { schedule: 'cs224n', config: courseSettings(flags) } : { schedule: 'word2vec', config: streamingSettings(flags) }
  }
  const corpusOptions = resumed ? resumed.corpus : corpusSettings(flags, settings.schedule)

  const { raw } = await readCorpusFile(corpusPath, {
    tokenizer: corpusOptions.tokenizer,
    onProgress: (bytesRead, totalBytes) =>
      reporter.event({ type: 'reading', bytesRead, totalBytes, fraction: totalBytes > 0 ? bytesRead / totalBytes : 1 }, () => `Reading ${progressBar(totalBytes > 0 ? bytesRead / totalBytes : 1)}`),
  })
  let vocabulary: Vocabulary
  if (resumed) {
    const { words, counts } = resumed.vocabulary
    vocabulary = { words, counts, index: new Map(words.map((w, i) => [w, i])) }
  } else {
    const built = buildVocabulary(raw, { minCount: corpusOptions.minCount, ...(corpusOptions.maxVocab === undefined ? {} : { maxVocab: corpusOptions.maxVocab }) })
    vocabulary = built.vocabulary
    const s = built.stats
    reporter.note(`Corpus: ${formatCount(s.tokens)} tokens, ${formatCount(s.types)} types; vocabulary ${formatCount(s.keptTypes)} words (minCount ${corpusOptions.minCount}) covering ${(100 * s.coverage).toFixed(1)}% of tokens.`)
  }
  const corpus = encodeCorpus(raw, vocabulary)
  if (settings.schedule === 'word2vec') for (const warning of streamingConfigWarnings(settings.config, vocabulary.words.length)) reporter.note(`Warning: ${warning}`)

  let training: TrainingState
  let summary: { words: number; trainingSeconds: number; finalLoss: number | null; stopped: boolean; extra: Record<string, unknown> }
  if (settings.schedule === 'word2vec') {
    const config = settings.config
    const trainer = StreamingTrainer.create(vocabulary.counts, corpus, config, resumed?.training.schedule === 'word2vec' ? resumed.training.state : undefined)
    const kernel = chooseKernel()
    if (kernel.kind === 'typescript') reporter.note(kernel.reason)
    const removeInterrupt = io.onInterrupt(() => {
      reporter.note('Stopping after the current chunk…')
      trainer.stop()
    })
    try {
      const result = await trainer.run({
        kernel,
        onNotice: (message) => reporter.note(message),
        onProgress: (p) => reporter.event(
          { type: 'progress', schedule: 'word2vec', ...p },
          () => `${progressBar(p.fraction)}  epoch ${p.epoch}/${config.epochs}  loss ${p.loss?.toFixed(4) ?? '-'}  α ${p.alpha.toFixed(5)}  ${formatCount(p.wordsPerSec)} words/s  ETA ${formatDuration(p.etaSeconds)}`,
        ),
      })
      summary = { words: result.wordsTrained, trainingSeconds: result.seconds, finalLoss: result.finalLoss, stopped: result.stopped, extra: { threads: result.threads, kernel: result.kernel } }
    } finally {
      removeInterrupt()
    }
    training = { schedule: 'word2vec', state: trainer.exportState() }
  } else {
    const config = settings.config
    const trainer = new CourseTrainer(corpus, vocabulary, config, resumed?.training.schedule === 'cs224n' ? resumed.training.state : undefined)
    const runner = new CourseRunner(trainer)
    const removeInterrupt = io.onInterrupt(() => {
      reporter.note('Stopping after the current minibatch…')
      runner.stop()
    })
    try {
      const result = await runner.run({
        onProgress: (p) => reporter.event(
          { type: 'progress', schedule: 'cs224n', ...p },
          () => `${progressBar(p.fraction)}  iteration ${formatCount(p.iteration)}/${formatCount(p.iterations)}  loss ${p.expLoss?.toFixed(4) ?? p.loss?.toFixed(4) ?? '-'}  step ${p.step.toPrecision(3)}  ETA ${formatDuration(p.etaSeconds)}`,
        ),
      })
      summary = { words: result.iterations, trainingSeconds: result.seconds, finalLoss: result.finalLoss, stopped: result.stopped, extra: { iterations: result.iterations } }
    } finally {
      removeInterrupt()
    }
    training = { schedule: 'cs224n', state: trainer.exportState() }
  }
  if (!json && io.stderrIsTTY) io.stderr('\r\x1b[K')

  const vectors = training.state.centerWordVectors instanceof Float32Array ? training.state.centerWordVectors : Float32Array.from(training.state.centerWordVectors)
  await writeWord2vecVectors(outPath, vocabulary.words, vectors, { dim: settings.config.dim })
  const checkpointPath = flags.checkpoint as string | undefined
  // The corpus's absolute path goes along, so the app can restore the run without asking for it.
  if (checkpointPath) await saveTrainingCheckpoint(checkpointPath, { settings, corpus: { ...corpusOptions, paths: [resolve(corpusPath)] }, vocabulary, training })

  const seconds = (performance.now() - started) / 1000
  const result = {
    type: 'summary', schedule: settings.schedule, words: summary.words, seconds, wordsPerSec: summary.words / seconds,
    trainingSeconds: summary.trainingSeconds, vocab: vocabulary.words.length, finalLoss: summary.finalLoss, stopped: summary.stopped,
    out: outPath, ...(checkpointPath ? { checkpoint: checkpointPath } : {}), ...summary.extra,
  }
  if (json) io.stdout(JSON.stringify(result) + '\n')
  else {
    const unit = settings.schedule === 'word2vec' ? 'words' : 'iterations'
    io.stdout(
      `${summary.stopped ? 'Stopped' : 'Trained'}: ${formatCount(summary.words)} ${unit} in ${seconds.toFixed(1)} s (${formatCount(result.wordsPerSec)} ${unit}/s), ` +
        `vocabulary ${formatCount(vocabulary.words.length)}, final loss ${summary.finalLoss?.toFixed(4) ?? '-'}.\n` +
        terminalSafe(`Vectors written to ${outPath}${checkpointPath ? `; checkpoint saved to ${checkpointPath}` : ''}.`) + '\n',
    )
  }
  return 0
}
