/**
 * Parsing and dispatch of the `w2v` command line. Commands write through a CliIo and return
 * an exit code, so they run the same in the terminal and in-process in tests.
 */
import { CorpusError } from '../core/corpus/index'
import { TrainingConfigError, TrainingDivergedError, TrainingResumeError } from '../core/training/trainingErrors'
import { FileWriteError } from '../node/atomicFile'
import { CheckpointError } from '../node/checkpointFile'
import { Word2vecFormatError } from '../node/word2vecFormat'
import { type CommandOutcome, EXIT_FAILED, EXIT_USAGE, checkFixtureCommand, gradcheckCommand } from './commands'
import { UsageError } from './flags'
import { type CliIo, TRAIN_USAGE, trainCommand } from './trainCommand'

const USAGE = `Usage: w2v <command> [options]

Commands:
  gradcheck [--json]                 check every loss and model gradient against centred differences
  check-fixture <file.json> [--json] compare the float64 core with a reference fixture
  train --corpus <file> --out <file> train word vectors (w2v train --help for options)
  help                               show this text
`

/** Errors a user can cause while a command runs: reported in one line, no stack trace. */
const USER_ERRORS = [CorpusError, TrainingDivergedError, TrainingResumeError, CheckpointError, Word2vecFormatError, FileWriteError]

async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv
  const json = rest.includes('--json')
  const simple = (outcome: CommandOutcome): number => {
    io.stdout(outcome.stdout)
    io.stderr(outcome.stderr)
    return outcome.exitCode
  }
  switch (command) {
    case 'gradcheck':
    case 'check-fixture': {
      const unknown = rest.filter((a) => a.startsWith('--') && a !== '--json')
      if (unknown.length > 0) return simple({ stdout: '', stderr: `w2v: unknown option ${unknown[0]}\n\n${USAGE}`, exitCode: EXIT_USAGE })
      return simple(command === 'gradcheck' ? gradcheckCommand(json) : await checkFixtureCommand(rest.filter((a) => !a.startsWith('--'))[0], json))
    }
    case 'train':
      if (rest.includes('--help')) return simple({ stdout: TRAIN_USAGE, stderr: '', exitCode: 0 })
      try {
        return await trainCommand(rest, io)
      } catch (error) {
        if (error instanceof UsageError || error instanceof TrainingConfigError) {
          io.stderr(`w2v train: ${error.message}\n`)
          return EXIT_USAGE
        }
        if (USER_ERRORS.some((type) => error instanceof type)) {
          io.stderr(`w2v train: ${(error as Error).message}\n`)
          return EXIT_FAILED
        }
        throw error
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
