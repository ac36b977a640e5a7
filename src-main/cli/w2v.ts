/** The `w2v` command: `npm run --silent w2v -- <command>`. Process glue only. */
import { runCli } from './runCli'

const outcome = await runCli(process.argv.slice(2))
process.stdout.write(outcome.stdout)
process.stderr.write(outcome.stderr)
process.exitCode = outcome.exitCode
