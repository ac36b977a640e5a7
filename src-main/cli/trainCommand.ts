import { resolve } from 'node:path'
import { ENCODING_EXAMPLES, type TokenizerOptions, type Vocabulary, buildVocabulary } from '../core/corpus/index'
import { streamingConfigWarnings } from '../core/training/streamingConfig'
import { TrainingDivergedError } from '../core/training/trainingErrors'
import { type VectorFormat, VECTOR_FORMATS, companionPath } from '../core/vectors/vectorFormats'
import { CheckpointError } from '../node/checkpointFile'
import { readCorpusFile, sniffLayout } from '../node/corpusFile'
import { FileTokenSink, releaseTokenStore } from '../node/tokenFile'
import { type OutputFile, checkFreeSpace, checkOutputLocations } from '../node/outputLocation'
import { type RunOutcome, type RunProgress, createTrainingRun } from '../node/session/trainingRun'
import { type KernelChoice, chooseKernel } from '../node/training/kernelModule'
import {
  type ScheduleSettings, type TrainingCheckpoint, checkResumedEncodings, estimateTrainingCheckpointBytes, loadTrainingCheckpoint, saveTrainingCheckpoint, trainedEmbeddings,
} from '../node/training/trainingCheckpoint'
import { VectorExportError } from '../node/vectors/vectorExportError'
import { resolveExportFormat, writeEmbeddings } from '../node/vectors/writeEmbeddings'
import { EXIT_FAILED } from './commands'
import { corpusNoticeLines } from './corpusNoticeLines'
import { UsageError, parseFlags } from './flags'
import { formatCount, formatDuration, progressBar } from './progressLine'
import { showControls } from '../core/contract/visibleControls'
import { courseSanityCheck, courseSanityCheckApplies } from '../core/contract/courseSanityCheck'
import {
  PHRASE_FLAGS, PRESET_FLAG, SETTING_FLAGS, TOKENIZER_FLAGS, checkContinueFlags, checkResumeFlags, continuedSettingsOf, encodingFlag, resumedSettings, settingFlagsUsage,
  trainSettingsFromFlags,
} from './trainSettings'
import { checkWarmStartFlags } from './trainWarmStart'
import { continuedRun, pretrainedRun } from '../node/session/warmStarts'
import type { WarmStart } from '../core/training/warmStart'
import { COURSE_PRESET, SCHEDULES } from '../core/settings/trainingSettings'

const FORMAT_IDS = VECTOR_FORMATS.map((f) => f.format)

/** Milliseconds between progress lines: a bar redrawn faster is not read, and JSON lines stay few. */
const PROGRESS_EVERY_MS = 50

/** Where a command writes, and how it hears Ctrl-C: real streams in `w2v`, buffers in tests. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  readonly stderrIsTTY: boolean
  /** Registers a handler for an interrupt (Ctrl-C); returns a function that removes it. */
  onInterrupt(handler: () => void): () => void
}

export const TRAIN_FLAGS = {
  corpus: 'string', out: 'string', 'out-format': FORMAT_IDS, preset: PRESET_FLAG, schedule: SCHEDULES, ...SETTING_FLAGS,
  ...TOKENIZER_FLAGS, ...PHRASE_FLAGS, encoding: 'string', checkpoint: 'string', resume: 'string', continue: 'string',
  'init-vectors': 'string', 'init-format': FORMAT_IDS, 'lock-init': 'boolean', json: 'boolean',
} as const

export const TRAIN_USAGE = `Usage: w2v train --corpus <file> --out <vectors file> [options]

  --out's extension names the vectors format, as in w2v export: ${VECTOR_FORMATS.filter((f) => f.extensions.length > 0).map((f) => f.extensions.join(' ')).join(' ')}
  --out-format ${FORMAT_IDS.join('|')}   (GloVe has no extension and must be named)
  --preset ${PRESET_FLAG.join('|')}  start from the window's preset; cs224n is the assignment's run.py,
                       read as the course reads datasetSentences.txt (the layout found from the header)
  --schedule ${SCHEDULES.join('|')}  streaming epochs (default) or the course's minibatch SGD
${settingFlagsUsage()}
  (cs224n's defaults: dim ${COURSE_PRESET.dim}, window ${COURSE_PRESET.window}, K ${COURSE_PRESET.negatives}, step ${COURSE_PRESET.step}, ${COURSE_PRESET.iterations.toLocaleString('en-US')} iterations of ${COURSE_PRESET.batch} windows, sample ${COURSE_PRESET.sample} sub-sampled as the course, with UNK; --cbow-sum sums CBOW's context)
  corpus: --keep-case  --keep-punctuation  --strip-numbers  --segment spaces|words|whitespace  --format plain|cs224n
  --encoding <label>   the corpus' encoding (a WHATWG label: ${ENCODING_EXAMPLES.join(', ')}…); without it
                       a file that is not UTF-8 is read in the encoding its bytes look like, and a notice says which
  --phrases            join frequent phrases (new_york) before the vocabulary, as w2v phrases does; its options as
                       --phrases-min-count --phrases-threshold --phrases-scoring --phrases-max-vocab --phrases-delimiter --phrases-passes
  --checkpoint <file>  save the run there when it ends or is interrupted (Ctrl-C); saved before the vectors
  --resume <file>      resume a saved run where it stopped (same corpus; its settings are kept, --threads and --encoding
                       may change, and a corpus read in another encoding than the saved run's is refused);
                       --checkpoint may name the same file, which is then replaced once the new one is complete
  --continue <file>    train a saved word2vec run further on --corpus, as gensim's build_vocab(update=True) and
                       train: its words keep their vectors and counts grow, new words of at least its minCount join;
                       --epochs --alpha --min-alpha --threads set the continuation's own schedule
  --init-vectors <file>  start the corpus' words found in a vectors file (word2vec text or binary, GloVe, fastText .vec)
                       from those vectors, as gensim's intersect_word2vec_format; the dimension must match --dim
  --init-format ${FORMAT_IDS.join('|')}   the vectors file's format when its name does not tell
  --lock-init          keep the pretrained vectors fixed while the other words train (gensim's lock factor 0)
  --json               JSON lines on stdout: progress objects, then a summary
`

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
    else this.io.stderr(`${this.io.stderrIsTTY ? '\r\x1b[K' : ''}${showControls(text)}\n`)
  }
}

/** The files a run writes: the checkpoint (if asked for) and the vectors with any companion file. */
interface RunOutputs {
  readonly checkpoint: OutputFile | null
  readonly vectors: OutputFile
  readonly companion: OutputFile | null
}

/** Every file the run will write, checked before anything is read. */
async function checkOutputs(corpusPath: string, outPath: string, format: VectorFormat, checkpointPath: string | undefined, resumePath: string | undefined, initPath: string | undefined): Promise<RunOutputs> {
  const companionFile = companionPath(outPath, format)
  const outputs: RunOutputs = {
    checkpoint: checkpointPath ? { path: checkpointPath, description: 'the checkpoint', mayReplace: resumePath === undefined ? [] : [resumePath] } : null,
    vectors: { path: outPath, description: 'the vectors' },
    companion: companionFile ? { path: companionFile, description: 'the word list of the vectors' } : null,
  }
  // Saving the checkpoint back over the one resumed is the usual "continue and save": the old
  // file has been read whole before training starts, and the write goes to a temporary file
  // renamed over it only once complete, so the old checkpoint is never lost. Any other output
  // over an input would destroy that input.
  const inputs = [
    { path: corpusPath, description: 'the corpus' }, ...(resumePath ? [{ path: resumePath, description: 'the checkpoint being resumed' }] : []),
    ...(initPath ? [{ path: initPath, description: 'the pretrained vectors' }] : []),
  ]
  await checkOutputLocations([outputs.checkpoint, outputs.vectors, outputs.companion].filter((o) => o !== null), inputs)
  return outputs
}

/**
 * Refuses the run if its files cannot fit, once the vocabulary (and so their size) is known. The
 * vectors count at 4 bytes a value, what the binary formats take (text takes more), so a refusal
 * is never wrong.
 */
async function checkRoomFor(outputs: RunOutputs, settings: ScheduleSettings, words: readonly string[]): Promise<void> {
  const wordBytes = words.reduce((sum, word) => sum + Buffer.byteLength(word) + 1, 0)
  await checkFreeSpace([
    ...(outputs.checkpoint ? [{ ...outputs.checkpoint, bytes: estimateTrainingCheckpointBytes(settings, words) }] : []),
    { ...outputs.vectors, bytes: words.length * settings.config.dim * 4 },
    ...(outputs.companion ? [{ ...outputs.companion, bytes: wordBytes }] : []),
  ])
}

export async function trainCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const started = performance.now()
  const { flags, positional } = parseFlags(argv, TRAIN_FLAGS)
  if (positional.length > 0) throw new UsageError(`unexpected argument "${positional[0]}"`)
  const corpusPath = flags.corpus as string | undefined
  const outPath = flags.out as string | undefined
  if (!corpusPath) throw new UsageError('--corpus <file> is required')
  if (!outPath) throw new UsageError('--out <vectors file> is required')
  const checkpointPath = flags.checkpoint as string | undefined
  checkWarmStartFlags(flags)
  // A continued run is read from its checkpoint as a resumed one is, and may be saved back over it.
  const continuing = flags.continue !== undefined
  const resumePath = (flags.resume ?? flags.continue) as string | undefined
  const initPath = flags['init-vectors'] as string | undefined
  const json = flags.json === true
  const reporter = new TrainReporter(io, json)

  // Everything that can be judged without reading a file is judged first; the course's preset
  // reads the file's first lines for its layout (a file that cannot be read is reported below).
  const chosen = encodingFlag(flags)
  const fresh = resumePath === undefined ? trainSettingsFromFlags(flags, flags.preset === 'cs224n' && flags.format === undefined ? await sniffLayout(corpusPath, chosen.encoding) : 'plain') : null
  if (!fresh) (continuing ? checkContinueFlags : checkResumeFlags)(flags)
  if (initPath && fresh?.settings.schedule === 'cs224n') throw new UsageError('--init-vectors needs the word2vec schedule: the cs224n schedule starts from its own random vectors.')
  const format = resolveExportFormat(outPath, flags['out-format'] as VectorFormat | undefined)
  const outputs = await checkOutputs(corpusPath, outPath, format, checkpointPath, resumePath, initPath)

  const saved: TrainingCheckpoint | null = resumePath === undefined ? null : await loadTrainingCheckpoint(resumePath)
  const { settings, corpus: corpusOptions } = saved
    ? {
      settings: (continuing ? continuedSettingsOf : resumedSettings)(flags, saved.settings),
      // Another corpus is read in the encoding it looks like, not the saved run's.
      corpus: { ...saved.corpus, tokenizer: { ...withoutEncoding(saved.corpus.tokenizer, continuing), ...chosen } },
    }
    : fresh!

  // The tokens go to a file in the OS's temporary folder, deleted when the run is done (or at exit).
  const { raw, ...file } = await readCorpusFile(corpusPath, {
    tokenizer: corpusOptions.tokenizer,
    createSink: () => new FileTokenSink(),
    onProgress: (bytesRead, totalBytes) =>
      reporter.event({ type: 'reading', bytesRead, totalBytes, fraction: totalBytes > 0 ? bytesRead / totalBytes : 1 }, () => `Reading ${progressBar(totalBytes > 0 ? bytesRead / totalBytes : 1)}`),
  })
  for (const line of corpusNoticeLines([file], raw, corpusOptions.tokenizer)) reporter.note(line)
  let vocabulary: Vocabulary
  let start: WarmStart | undefined
  let warmStart: Record<string, number> = {}
  if (saved && continuing) {
    const continued = continuedRun({ ...saved, settings }, raw)
    ;({ vocabulary, start } = continued)
    reporter.note(continued.summary)
    warmStart = { keptWords: saved.vocabulary.words.length, addedWords: vocabulary.words.length - saved.vocabulary.words.length }
  } else if (saved) {
    checkResumedEncodings(saved.corpus, [corpusPath], [file.encoding])
    const { words, counts } = saved.vocabulary
    vocabulary = { words, counts, index: new Map(words.map((w, i) => [w, i])) }
  } else {
    const { minCount, maxVocab, unk } = corpusOptions
    const built = buildVocabulary(raw, { minCount, ...(maxVocab === undefined ? {} : { maxVocab }), ...(unk === true ? { unk } : {}) }, corpusPath)
    vocabulary = built.vocabulary
    const s = built.stats
    reporter.note(`Corpus: ${formatCount(s.tokens)} tokens, ${formatCount(s.types)} types; vocabulary ${formatCount(s.keptTypes)} words (minCount ${corpusOptions.minCount}) covering ${(100 * s.coverage).toFixed(1)}% of tokens.`)
    if (initPath) {
      const initFormat = flags['init-format'] as VectorFormat | undefined
      const pretrained = await pretrainedRun(initPath, vocabulary, settings.config.dim, { lock: flags['lock-init'] === true, ...(initFormat ? { format: initFormat } : {}) })
      for (const warning of pretrained.warnings) reporter.note(`Warning: ${warning}`)
      reporter.note(pretrained.summary)
      start = pretrained.start
      warmStart = { pretrainedWords: pretrained.start.used, randomWords: pretrained.start.random }
    }
  }
  await checkRoomFor(outputs, settings, vocabulary.words)
  if (settings.schedule === 'word2vec') for (const warning of streamingConfigWarnings(settings.config, vocabulary.words.length)) reporter.note(`Warning: ${warning}`)

  let kernel: KernelChoice | undefined
  const run = createTrainingRun(settings, { vocabulary, raw }, () => (kernel ??= chooseKernel()), continuing ? undefined : saved?.training, start)
  if (kernel?.kind === 'typescript') reporter.note(kernel.reason)
  const removeInterrupt = io.onInterrupt(() => {
    reporter.note(`Stopping after the current ${settings.schedule === 'word2vec' ? 'chunk' : 'minibatch'}…`)
    run.stop()
  })
  let outcome: RunOutcome
  try {
    outcome = await run.run({
      reportEvery: PROGRESS_EVERY_MS,
      onNotice: (message) => reporter.note(message),
      onProgress: (p) => reporter.event(progressEvent(settings, run.total, p), () => progressLine(settings, run.total, p)),
    })
  } catch (error) {
    if (error instanceof TrainingDivergedError) return runFailed(io, error.message)
    throw error
  } finally {
    removeInterrupt()
    releaseTokenStore(raw.store)
  }
  // The run is over: its vectors are written from the kernels' memory, not from copies of it.
  const { training } = run.exportState({ inPlace: true })
  if (!json && io.stderrIsTTY) io.stderr('\r\x1b[K')

  // The checkpoint first: it holds everything the vectors do, so if the vectors cannot be
  // written, `w2v export` can still write them from it.
  if (checkpointPath) {
    try {
      // The corpus's absolute path goes along, so the app can restore the run without asking for it.
      await saveTrainingCheckpoint(checkpointPath, { settings, corpus: { ...corpusOptions, paths: [resolve(corpusPath)], encodings: [file.encoding] }, vocabulary, training })
    } catch (error) {
      if (error instanceof CheckpointError) return runFailed(io, `${error.message} The vectors were not written either.`)
      throw error
    }
  }
  try {
    await writeEmbeddings(outPath, trainedEmbeddings({ settings, vocabulary, training }, 'center'), { format })
  } catch (error) {
    if (error instanceof VectorExportError) {
      return runFailed(io, `${error.message}${checkpointPath ? ` The checkpoint was saved to “${checkpointPath}”: w2v export --checkpoint ${checkpointPath} --out <file> writes its vectors.` : ''}`)
    }
    throw error
  }

  const seconds = (performance.now() - started) / 1000
  const course = settings.schedule === 'cs224n'
  // The course's speed is its iterations per training second; word2vec's, words per second of the whole command.
  const rate = course ? { iterationsPerSec: outcome.seconds > 0 ? outcome.trained / outcome.seconds : null } : { wordsPerSec: outcome.trained / seconds }
  const check = courseSanityCheckApplies(settings) && outcome.finalLoss !== null && !outcome.stopped ? courseSanityCheck(outcome.finalLoss) : null
  const result = {
    type: 'summary', schedule: settings.schedule, words: outcome.trained, seconds, ...rate,
    trainingSeconds: outcome.seconds, vocab: vocabulary.words.length, finalLoss: outcome.finalLoss, stopped: outcome.stopped,
    ...(check ? { courseSanityCheck: check.met } : {}),
    out: outPath, format, ...(checkpointPath ? { checkpoint: checkpointPath } : {}), ...warmStart,
    ...(settings.schedule === 'word2vec' ? outcome.engine : { iterations: outcome.done }),
  }
  if (json) io.stdout(JSON.stringify(result) + '\n')
  else {
    const unit = course ? 'iterations' : 'words'
    const speed = course ? rate.iterationsPerSec ?? 0 : outcome.trained / seconds
    const loss = `final ${course ? 'exploss' : 'loss'} ${outcome.finalLoss?.toFixed(4) ?? '-'}${check ? ` (${check.sentence})` : ''}`
    io.stdout(
      `${outcome.stopped ? 'Stopped' : 'Trained'}: ${formatCount(outcome.trained)} ${unit} in ${seconds.toFixed(1)} s (${formatCount(speed)} ${unit}/s), ` +
        `vocabulary ${formatCount(vocabulary.words.length)}, ${loss}.\n` +
        showControls(`${checkpointPath ? `Checkpoint saved to ${checkpointPath}; v` : 'V'}ectors written to ${outPath}.`) + '\n',
    )
  }
  return 0
}

/**
 * A progress line's JSON, in each schedule's own words (as before there was one driver): scripts
 * and the benchmark read them.
 */
/** A saved run's tokenizer options for the corpus read now: another corpus is read in its own encoding. */
function withoutEncoding<T extends Partial<TokenizerOptions>>(tokenizer: T, continuing: boolean): T {
  if (!continuing) return tokenizer
  return Object.fromEntries(Object.entries(tokenizer).filter(([key]) => key !== 'encoding')) as T
}

function progressEvent(settings: ScheduleSettings, total: number, p: RunProgress): Record<string, unknown> {
  return settings.schedule === 'word2vec'
    ? {
        type: 'progress', schedule: 'word2vec', wordsDone: p.x, totalWords: total, fraction: p.fraction, epoch: p.epoch, alpha: p.alpha, loss: p.loss,
        wordsPerSec: p.xPerSecond, etaSeconds: p.etaSeconds, elapsedSeconds: p.t,
      }
    : {
        type: 'progress', schedule: 'cs224n', iteration: p.x, iterations: total, fraction: p.fraction, step: p.alpha, loss: p.loss, expLoss: p.smoothedLoss,
        iterationsPerSec: p.xPerSecond, etaSeconds: p.etaSeconds, elapsedSeconds: p.t,
      }
}

/** The progress bar's line on a terminal. */
function progressLine(settings: ScheduleSettings, total: number, p: RunProgress): string {
  const eta = `ETA ${formatDuration(p.etaSeconds)}`
  return settings.schedule === 'word2vec'
    ? `${progressBar(p.fraction)}  epoch ${p.epoch}/${settings.config.epochs}  loss ${p.loss?.toFixed(4) ?? '-'}  α ${p.alpha.toFixed(5)}  ${formatCount(p.xPerSecond)} words/s  ${eta}`
    : `${progressBar(p.fraction)}  iteration ${formatCount(p.x)}/${formatCount(total)}  loss ${p.smoothedLoss?.toFixed(4) ?? p.loss?.toFixed(4) ?? '-'}  step ${p.alpha.toPrecision(3)}  ${eta}`
}

/** A run that started and then failed (diverged, or could not save): exit 1, unlike a bad input or flag (2). */
function runFailed(io: CliIo, message: string): number {
  io.stderr(`w2v train: ${message}\n`)
  return EXIT_FAILED
}
