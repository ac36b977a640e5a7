/**
 * Entry of the trainer process (Electron's utility process, or `child_process.fork` under plain
 * Node): links a TrainerSession to the parent and, when the host hands one over, to the window's
 * port, then says it is ready. The same file started as a worker thread runs gradient checks
 * (see gradientCheckJob.ts), so the trainer keeps answering while they take their seconds.
 */
import { availableParallelism, constants as osConstants } from 'node:os'
import { isMainThread, parentPort, workerData } from 'node:worker_threads'
import { PROTOCOL_VERSION } from '../core/contract/trainerProtocol'
import { EventRouter, safePost } from './eventRouter'
import { GRADIENT_CHECK_ROLE, type GradientCheckJob, runGradientCheckJob, workerGradientCheckRunner } from './gradientCheckJob'
import { tokenDirectoryArgument } from '../node/services/trainerArguments'
import { connectToParent } from './parentChannel'
import { TrainerSession } from './trainerSession'
import { log, toTrainerError } from './trainerErrors'

function startTrainer(): void {
  const parent = connectToParent()
  const router = new EventRouter(parent)
  const tokenDirectory = tokenDirectoryArgument(process.argv)
  const session = new TrainerSession({
    emit: (event) => router.emit(event), checkGradients: workerGradientCheckRunner(new URL(import.meta.url)),
    ...(tokenDirectory === undefined ? {} : { tokenDirectory }),
  })
  parent.onMessage((message) => void session.handle(message, (event) => safePost(parent, event)))
  parent.onPort((port) => {
    router.connect(port)
    session.receiverChanged()
    port.onMessage((message) => void session.handle(message, (event) => safePost(port, event)))
    port.onClose(() => router.disconnect(port))
  })
  parent.onDisconnect(() => process.exit(0))
  // The host ends the trainer with SIGTERM. By default a signal ends the process without its
  // 'exit' handlers, which remove the temporary files of a write in flight (an export, a save).
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => process.exit(128 + osConstants.signals[signal]))
  // A bug must cost one request, not the run: report it and keep serving.
  const report = (error: unknown): void => router.emit({ type: 'error', error: toTrainerError(error) })
  process.on('uncaughtException', report)
  process.on('unhandledRejection', report)
  log(`ready (pid ${process.pid}, protocol ${PROTOCOL_VERSION})`)
  parent.post({ type: 'ready', protocol: PROTOCOL_VERSION, pid: process.pid, threadsAvailable: availableParallelism() })
}

const role = (workerData as { role?: unknown; job?: GradientCheckJob } | null)?.role
if (!isMainThread && role === GRADIENT_CHECK_ROLE) {
  parentPort?.postMessage(runGradientCheckJob((workerData as { job: GradientCheckJob }).job))
} else {
  startTrainer()
}
