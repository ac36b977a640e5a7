/** The `w2v` command: `npm run --silent w2v -- <command>`. Process glue only. */
import { constants } from 'node:os'
import { removeTemporaryFilesSync } from '../node/temporaryFiles'
import { runCliWithIo } from './runCli'

/** Training's own Ctrl-C handler (it stops and saves the run), while one is installed. */
let interruptTraining: (() => void) | null = null

/**
 * Every signal that ends the command goes through here, so a half-written file never outlives
 * it: the first Ctrl-C during training lets the run stop and save; anything else (a Ctrl-C while
 * reading or writing, a second one, a kill, a closed terminal) removes the temporary files in
 * flight and exits with the code a shell expects for that signal.
 */
function onSignal(signal: 'SIGINT' | 'SIGTERM' | 'SIGHUP'): void {
  if (signal === 'SIGINT' && interruptTraining) {
    const handler = interruptTraining
    // A second Ctrl-C while stopping leaves at once, as terminals expect.
    interruptTraining = null
    handler()
    return
  }
  removeTemporaryFilesSync()
  process.exit(128 + constants.signals[signal])
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => onSignal(signal))

process.exitCode = await runCliWithIo(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  onInterrupt: (handler) => {
    interruptTraining = handler
    return () => {
      if (interruptTraining === handler) interruptTraining = null
    }
  },
})
