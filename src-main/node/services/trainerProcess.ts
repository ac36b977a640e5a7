/**
 * The few things TrainerHost needs from a running trainer process, so the same host drives an
 * Electron utility process (electron-main/trainerLauncher.ts) and a plain Node child process
 * (forkTrainerProcess below, for tests, the CLI and the browser harness).
 */
import { fork } from 'node:child_process'

export interface TrainerProcessExit {
  /** The exit code, or null when a signal ended the process. */
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  /** What the runtime reported before the end, e.g. a V8 fatal error such as running out of heap. */
  readonly fatalError: string | null
}

export interface TrainerProcessHandle {
  /** Undefined until the process has spawned, and after it has exited. */
  readonly pid: number | undefined
  /** Sends one message; `transfer` carries MessagePorts where the runtime can transfer them. */
  postMessage(message: unknown, transfer?: readonly unknown[]): void
  onMessage(listener: (message: unknown) => void): void
  /** Called once, after the process has ended, however it ended. */
  onExit(listener: (exit: TrainerProcessExit) => void): void
  /** Asks the process to end; false when it could not be signalled (it had already ended). */
  kill(signal?: NodeJS.Signals): boolean
}

/** Starts a trainer process. TrainerHost calls it once; TrainingService calls it again on restart. */
export type TrainerLauncher = () => TrainerProcessHandle

export interface ForkOptions {
  /** Node options for the child, e.g. ['--import', 'tsx'] to run TypeScript sources. */
  readonly execArgv?: readonly string[]
  readonly env?: NodeJS.ProcessEnv
  /** The trainer's command line (trainerArguments.ts). */
  readonly args?: readonly string[]
}

/**
 * Starts `entryPath` with child_process.fork. `serialization: 'advanced'` is structured clone,
 * as under Electron, so typed arrays and NaN arrive as they were sent.
 */
export function forkTrainerProcess(entryPath: string, options: ForkOptions = {}): TrainerProcessHandle {
  const child = fork(entryPath, [...(options.args ?? [])], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv: [...(options.execArgv ?? [])],
    env: options.env ?? process.env,
  })
  let lastError: string | null = null
  // Without a listener, a failed spawn or send would throw in the parent.
  child.on('error', (error) => {
    lastError = error.message
  })
  return {
    get pid() {
      return child.exitCode === null && child.signalCode === null ? child.pid : undefined
    },
    postMessage(message, transfer) {
      if (transfer && transfer.length > 0) throw new TypeError('A forked trainer cannot receive a MessagePort; only an Electron utility process can.')
      if (child.connected) child.send(message as object)
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => void child.once('exit', (code, signal) => listener({ code, signal, fatalError: lastError })),
    kill: (signal = 'SIGTERM') => child.kill(signal),
  }
}
