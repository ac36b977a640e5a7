/**
 * Parsing and dispatch of the `w2v` command line. Commands write through a CliIo and return
 * an exit code, so they run the same in the terminal and in-process in tests.
 */
import { CorpusError } from '../core/corpus/index'
import { BenchmarkFormatError, NoKnownWordsError, UnknownWordError, WordExpressionError } from '../core/evaluation/index'
import {
  NoTrainingContextError, TrainingConfigError, TrainingDivergedError, TrainingResumeError, WarmStartError,
} from '../core/training/trainingErrors'
import { VectorSelectionError } from '../core/vectors/index'
import { type FileWriteFailure, FileWriteError } from '../node/atomicFile'
import { ProjectionError } from '../core/projection/projection'
import { CheckpointError } from '../node/checkpointFile'
import { OutputLocationError } from '../node/outputLocation'
import { VectorExportError } from '../node/vectors/vectorExportError'
import { VectorsFileError } from '../node/vectors/vectorsFileError'
import { Word2vecFormatError } from '../node/word2vecFormat'
import {
  CHECK_FIXTURE_USAGE, type CommandOutcome, EXIT_FAILED, EXIT_USAGE, GRADCHECK_USAGE, checkFixtureCommand, gradcheckCommand,
} from './commands'
import { FixtureFormatError } from './fixtureCheck'
import { UsageError } from './flags'
import { PHRASES_USAGE, phrasesCommand } from './phrasesCommand'
import { PLOT_USAGE, plotCommand } from './plotCommand'
import { showControls } from '../core/contract/visibleControls'
import { type CliIo, TRAIN_USAGE, trainCommand } from './trainCommand'
import {
  ANALOGY_USAGE, CONVERT_USAGE, EVAL_USAGE, EXPORT_USAGE, NEIGHBORS_USAGE, ODD_ONE_OUT_USAGE, SIMILAR_USAGE, analogyCommand, convertCommand,
  evalCommand, exportCommand, neighborsCommand, oddOneOutCommand, similarCommand,
} from './vectorCommands'

const USAGE = `Usage: w2v <command> [options]

Commands:
  gradcheck [--json]                 check every loss and model gradient against centred differences
  check-fixture <file.json> [--json] compare the float64 core with a reference fixture
  train --corpus <file> --out <file> train word vectors (w2v train --help for options)
  export --checkpoint <file> --out <file>   write a checkpoint's vectors in any format
  convert <in> <out>                 convert vectors between formats
  neighbors --vectors <file> <word>  nearest neighbours
  analogy --vectors <file> a b c     a : b :: c : ?
  similar --vectors <file> "king - man + woman"   words nearest to a sum of words
  odd-one-out --vectors <file> <words…>          the word that does not belong
  eval --vectors <file> [--analogies <file>] [--similarity <file>]   gensim-compatible benchmarks
  plot --checkpoint <file> --out <file.png|svg|csv>   the course's 2-D plot of word vectors
  phrases --corpus <file> --out <file>   join frequent word pairs (new_york), as word2phrase and gensim do
  help                               show this text
Add --help after a command for its options.
`

interface Command {
  readonly run: (argv: readonly string[], io: CliIo) => Promise<number>
  readonly usage: string
}

const COMMANDS: Readonly<Record<string, Command>> = {
  'gradcheck': { run: gradcheckCommand, usage: GRADCHECK_USAGE },
  'check-fixture': { run: checkFixtureCommand, usage: CHECK_FIXTURE_USAGE },
  'train': { run: trainCommand, usage: TRAIN_USAGE },
  'export': { run: exportCommand, usage: EXPORT_USAGE },
  'convert': { run: convertCommand, usage: CONVERT_USAGE },
  'neighbors': { run: neighborsCommand, usage: NEIGHBORS_USAGE },
  'analogy': { run: analogyCommand, usage: ANALOGY_USAGE },
  'similar': { run: similarCommand, usage: SIMILAR_USAGE },
  'odd-one-out': { run: oddOneOutCommand, usage: ODD_ONE_OUT_USAGE },
  'eval': { run: evalCommand, usage: EVAL_USAGE },
  'plot': { run: plotCommand, usage: PLOT_USAGE },
  'phrases': { run: phrasesCommand, usage: PHRASES_USAGE },
}

/** Something the user gave is wrong: a flag, a file named (missing, unreadable, malformed), a word, where to write. */
const INPUT_ERRORS = [
  UsageError, TrainingConfigError, CorpusError, NoTrainingContextError, TrainingResumeError, CheckpointError, Word2vecFormatError,
  FileWriteError, VectorsFileError, VectorExportError, VectorSelectionError, UnknownWordError, BenchmarkFormatError, NoKnownWordsError, WordExpressionError,
  FixtureFormatError, OutputLocationError, ProjectionError, WarmStartError,
]
/** Ways a write fails that no change to the command would have avoided. */
const WRITE_FAILURES_OF_THE_WORK: ReadonlySet<string> = new Set<FileWriteFailure>(['diskFull', 'busy', 'io', 'cancelled'])
const WRITE_ERRORS = [FileWriteError, Word2vecFormatError, VectorExportError, CheckpointError]

/**
 * The one exit-code rule of every command (README, “The w2v command line”): 2 when the input was
 * wrong, so changing the command or the files it names fixes it; 1 when the input was accepted
 * and the work itself failed (the training diverged, the disk filled or failed while writing).
 * A check that runs and finds a difference (gradcheck, check-fixture) also exits 1, by its own
 * result. null: not an error a user can cause, so a bug, left to surface with its stack.
 */
export function exitCodeFor(error: unknown): number | null {
  if (error instanceof TrainingDivergedError) return EXIT_FAILED
  if (WRITE_ERRORS.some((type) => error instanceof type) && WRITE_FAILURES_OF_THE_WORK.has((error as { kind: string }).kind)) return EXIT_FAILED
  if (INPUT_ERRORS.some((type) => error instanceof type)) return EXIT_USAGE
  return null
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv
  if (name === undefined) {
    io.stdout(USAGE)
    return EXIT_USAGE
  }
  if (name === 'help' || name === '--help') {
    io.stdout(USAGE)
    return 0
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined
  if (command === undefined) {
    io.stderr(`w2v: unknown command "${showControls(name)}"\n\n${USAGE}`)
    return EXIT_USAGE
  }
  if (rest.includes('--help')) {
    io.stdout(command.usage + (command.usage.endsWith('\n') ? '' : '\n'))
    return 0
  }
  try {
    return await command.run(rest, io)
  } catch (error) {
    const exitCode = exitCodeFor(error)
    if (exitCode === null) throw error
    io.stderr(`w2v ${name}: ${showControls((error as Error).message)}\n`)
    return exitCode
  }
}

/** Runs a command with real streams. */
export function runCliWithIo(argv: readonly string[], io: CliIo): Promise<number> {
  return run(argv, io)
}

/** Runs a command and collects what it prints (tests). */
export async function runCli(argv: readonly string[]): Promise<CommandOutcome> {
  let stdout = ''
  let stderr = ''
  const exitCode = await run(argv, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    stderrIsTTY: false,
    onInterrupt: () => () => undefined,
  })
  return { stdout, stderr, exitCode }
}
