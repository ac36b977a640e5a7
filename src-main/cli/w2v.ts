/** The `w2v` command: `npm run --silent w2v -- <command>`. Process glue only. */
import { runCliWithIo } from './runCli'

process.exitCode = await runCliWithIo(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  onInterrupt: (handler) => {
    // A second Ctrl-C while stopping leaves at once, as terminals expect.
    const onSigint = (): void => {
      process.removeListener('SIGINT', onSigint)
      handler()
    }
    process.on('SIGINT', onSigint)
    return () => process.removeListener('SIGINT', onSigint)
  },
})
