/**
 * Parsing and dispatch of the `w2v` command line. Each command returns what to print and the
 * exit code instead of printing, which keeps commands testable in-process.
 */
import { type CommandOutcome, EXIT_USAGE, checkFixtureCommand, gradcheckCommand } from './commands'

const USAGE = `Usage: w2v <command> [options]

Commands:
  gradcheck [--json]                 check every loss and model gradient against centred differences
  check-fixture <file.json> [--json] compare the float64 core with a reference fixture
  help                               show this text
`

export async function runCli(argv: readonly string[]): Promise<CommandOutcome> {
  const [command, ...rest] = argv
  const json = rest.includes('--json')
  const positional = rest.filter((a) => !a.startsWith('--'))
  const unknown = rest.filter((a) => a.startsWith('--') && a !== '--json')
  if (unknown.length > 0) return { stdout: '', stderr: `w2v: unknown option ${unknown[0]}\n\n${USAGE}`, exitCode: EXIT_USAGE }
  switch (command) {
    case 'gradcheck':
      return gradcheckCommand(json)
    case 'check-fixture':
      return checkFixtureCommand(positional[0], json)
    case 'help':
    case '--help':
    case undefined:
      return { stdout: USAGE, stderr: '', exitCode: command === undefined ? EXIT_USAGE : 0 }
    default:
      return { stdout: '', stderr: `w2v: unknown command "${command}"\n\n${USAGE}`, exitCode: EXIT_USAGE }
  }
}

