/**
 * Starts the trainer as an Electron utility process (a Node process Chromium supervises, with
 * a MessagePort-capable channel), behind the same small handle the Node launcher gives, so
 * TrainerHost does not know which runtime it drives.
 */
import { utilityProcess, type MessagePortMain } from 'electron'
import type { TrainerLauncher } from '../node/services/trainerProcess'

/** `args` go to the trainer's command line (trainer/index.ts reads them). */
export function utilityTrainerLauncher(entryPath: string, args: readonly string[] = []): TrainerLauncher {
  return () => {
    const child = utilityProcess.fork(entryPath, [...args], { serviceName: 'Word2Vec Studio Trainer', stdio: 'inherit' })
    let fatalError: string | null = null
    // V8's fatal errors (out of heap, say) arrive here just before the exit.
    child.on('error', (_type, location) => {
      fatalError = location
    })
    return {
      get pid() {
        return child.pid
      },
      postMessage: (message, transfer) => child.postMessage(message, transfer as MessagePortMain[] | undefined),
      onMessage: (listener) => void child.on('message', listener),
      onExit: (listener) => void child.once('exit', (code) => listener({ code, signal: null, fatalError })),
      kill(signal) {
        // utilityProcess.kill() asks politely; a SIGKILL request (a trainer that does not answer) must not.
        if (signal === 'SIGKILL' && child.pid !== undefined) {
          try {
            process.kill(child.pid, 'SIGKILL')
            return true
          } catch {
            return false
          }
        }
        return child.kill()
      },
    }
  }
}
