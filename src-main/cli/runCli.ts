/**
 * Parsing and dispatch of the `w2v` command line. Commands write through a CliIo and return
 * an exit code, so they run the same in the terminal and in-process in tests.
 */
import { CorpusError } from '../core/corpus/index'
import { BenchmarkFormatError, NoKnownWordsError, UnknownWordError } from '../core/evaluation/index'
import { NoTrainingContextError, TrainingConfigError, TrainingDivergedError, TrainingResumeError } from '../core/training/trainingErrors'
import { VectorSelectionError } from '../core/vectors/index'
import { FileWriteError } from '../node/atomicFile'
import { CheckpointError } from '../node/checkpointFile'
import { OutputLocationError } from '../node/outputLocation'
import { VectorExportError } from '../node/vectors/vectorExportError'
import { VectorsFileError } from '../node/vectors/vectorsFileError'
import { Word2vecFormatError } from '../node/word2vecFormat'
import { type CommandOutcome, EXIT_USAGE, checkFixtureCommand, gradcheckCommand } from './commands'
import { UsageError } from './flags'
import { type CliIo, TRAIN_USAGE, trainCommand } from './trainCommand'
import {
  ANALOGY_USAGE, CONVERT_USAGE, EVAL_USAGE, EXPORT_USAGE, NEIGHBORS_USAGE, analogyCommand, convertCommand, evalCommand, exportCommand,
  neighborsCommand,
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
  eval --vectors <file> [--analogies <file>] [--similarity <file>]   gensim-compatible benchmarks
  help                               show this text
Add --help after a command for its options.
`

/** Errors a user can cause while a command runs: reported in one line, no stack trace. */
const USER_ERRORS = [
  CorpusError, TrainingDivergedError, TrainingResumeError, CheckpointError, Word2vecFormatError, FileWriteError, VectorsFileError,
  VectorExportError, VectorSelectionError, UnknownWordError, BenchmarkFormatError, NoKnownWordsError, OutputLocationError, NoTrainingContextError,
]

/**
 * Commands that stream their output through io. `userErrorExit`: the exit code for a user's
 * mistake found while running: 2, as README promises for bad inputs (train itself exits 1 for a
 * run that started and failed: diverged, or could not save).
 */
const STREAMING_COMMANDS: Record<string, { run: (argv: readonly string[], io: CliIo) => Promise<number>; usage: string; userErrorExit: number }> = {
  train: { run: trainCommand, usage: TRAIN_USAGE, userErrorExit: EXIT_USAGE },
  export: { run: exportCommand, usage: EXPORT_USAGE, userErrorExit: EXIT_USAGE },
  convert: { run: convertCommand, usage: CONVERT_USAGE, userErrorExit: EXIT_USAGE },
  neighbors: { run: neighborsCommand, usage: NEIGHBORS_USAGE, userErrorExit: EXIT_USAGE },
  analogy: { run: analogyCommand, usage: ANALOGY_USAGE, userErrorExit: EXIT_USAGE },
  eval: { run: evalCommand, usage: EVAL_USAGE, userErrorExit: EXIT_USAGE },
}

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  const json = rest.includes('--json')
  const simple = (outcome: CommandOutcome): number => {
    io.stdout(outcome.stdout)
    io.stderr(outcome.stderr)
    return outcome.exitCode
  }
  const streaming = command === undefined ? undefined : STREAMING_COMMANDS[command]
  if (streaming) {
    if (rest.includes('--help')) return simple({ stdout: streaming.usage + (streaming.usage.endsWith('\n') ? '' : '\n'), stderr: '', exitCode: 0 })
    try {
      return await streaming.run(rest, io)
    } catch (error) {
      if (error instanceof UsageError || error instanceof TrainingConfigError) {
        io.stderr(`w2v ${command}: ${error.message}\n`)
        return EXIT_USAGE
      }
      if (USER_ERRORS.some((type) => error instanceof type)) {
        io.stderr(`w2v ${command}: ${(error as Error).message}\n`)
        return streaming.userErrorExit
      }
      throw error
    }
  }
  switch (command) {
    case 'gradcheck':
    case 'check-fixture': {
      const unknown = rest.filter((a) => a.startsWith('--') && a !== '--json')
      if (unknown.length > 0) return simple({ stdout: '', stderr: `w2v: unknown option ${unknown[0]}\n\n${USAGE}`, exitCode: EXIT_USAGE })
      return simple(command === 'gradcheck' ? gradcheckCommand(json) : await checkFixtureCommand(rest.filter((a) => !a.startsWith('--'))[0], json))
    }
    case 'help':
    case '--help':
      return simple({ stdout: USAGE, stderr: '', exitCode: 0 })
    case undefined:
      return simple({ stdout: USAGE, stderr: '', exitCode: EXIT_USAGE })
    default:
      return simple({ stdout: '', stderr: `w2v: unknown command "${command}"\n\n${USAGE}`, exitCode: EXIT_USAGE })
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
