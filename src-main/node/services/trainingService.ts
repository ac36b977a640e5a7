/**
 * Owns the trainer process for the app: starts it (and again after a crash), passes the
 * window's requests through, remembers the last checkpoint the trainer wrote, and turns a crash
 * into a `trainerExited` app event so the window stays up and can offer a restart that loses
 * nothing already saved. After every start it tells the trainer where and how often to
 * autosave.
 */
import { mkdir, stat } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { AppEvent } from '../../core/contract/appProtocol'
import type { TrainerEvent, TrainerRequest } from '../../core/contract/trainerProtocol'
import { Emitter } from './emitter'
import type { Logger } from './logger'
import { TrainerHost, type AnsweredRequest, type TrainerReply } from './trainerHost'
import { TrainerHostError } from './trainerHostError'
import type { TrainerLauncher } from './trainerProcess'

export interface TrainingServiceOptions {
  readonly launch: TrainerLauncher
  /** The file the trainer autosaves the running training to, in the app's data folder. */
  readonly autosavePath: string
  /** Seconds between autosaves (the current setting; 0 = only on stop). */
  readonly autosaveSeconds: () => number
  /** Where app events go (the window). */
  readonly emit: (event: AppEvent) => void
  /** Trainer events that reached the main process on the trainer's own channel, for a window that has no port of its own (the binding decides). */
  readonly relay: (event: TrainerEvent) => void
  readonly log: Logger
  readonly handshakeTimeoutMs?: number
}

const CONTROL_TIMEOUT_MS = 10_000
const EXIT_WAIT_MS = 5_000

export class TrainingService {
  private current: TrainerHost | null = null
  private starting: Promise<TrainerHost> | null = null
  private checkpoint: string | null = null
  /** Autosaves older than this belong to an earlier session and are not offered after a crash. */
  private readonly sessionStartedAt = Date.now()
  private readonly startEmitter: Emitter<TrainerHost>
  /** A new trainer is running and has been configured: the place to hand it a MessagePort. */
  readonly onDidStartTrainer

  constructor(private readonly options: TrainingServiceOptions) {
    this.startEmitter = new Emitter<TrainerHost>((error) => options.log.error('A trainer-start listener failed.', error))
    this.onDidStartTrainer = this.startEmitter.event
  }

  /** The running trainer, if any. */
  get host(): TrainerHost | null {
    return this.current?.isRunning ? this.current : null
  }

  /** The checkpoint a restart would restore, as far as the main process has seen. */
  get lastCheckpoint(): string | null {
    return this.checkpoint
  }

  /** Starts a trainer unless one is running or starting. */
  start(): Promise<TrainerHost> {
    return this.startWith(null)
  }

  /** `first`, when this call launches the trainer, is sent its first request before anyone else hears of it. */
  private startWith(first: ((host: TrainerHost) => void) | null): Promise<TrainerHost> {
    if (this.starting) return this.starting
    if (this.current?.isRunning) return Promise.resolve(this.current)
    this.starting = this.launch(first).finally(() => {
      this.starting = null
    })
    return this.starting
  }

  /** Passes a window request (its own "r" id) to the trainer and returns the reply as it came. */
  async forward(request: AnsweredRequest): Promise<TrainerReply> {
    const host = this.host
    if (!host) throw new TrainerHostError('exited', 'The trainer is not running; restart it to continue.')
    const reply = await host.forward(request)
    if (reply.ok) this.noteCheckpointIn(request.type, reply.result)
    return reply
  }

  /** A flow-control ack from a window that has no MessagePort (the browser harness). */
  post(ack: Extract<TrainerRequest, { type: 'ack' }>): boolean {
    return this.host?.post(ack) ?? false
  }

  /** Ends the current trainer if it still runs, starts a new one and, if asked, restores the last checkpoint (paused). */
  async restart(options: { fromCheckpoint: boolean }): Promise<{ restoredFrom: string | null }> {
    const previous = this.current
    if (previous?.isRunning) await this.end(previous)
    const checkpoint = options.fromCheckpoint ? await this.findCheckpoint() : null
    if (!checkpoint) {
      await this.start()
      return { restoredFrom: null }
    }
    // The restore is the new trainer's first request, so a window that connects and asks for
    // its state finds it restoring, never empty.
    const restore: { pending: Promise<unknown> | null } = { pending: null }
    const host = await this.startWith((started) => {
      restore.pending = started.request({ type: 'loadCheckpoint', path: checkpoint })
      restore.pending.catch(() => undefined)
    })
    await (restore.pending ?? host.request({ type: 'loadCheckpoint', path: checkpoint }))
    return { restoredFrom: checkpoint }
  }

  /** Tells the running trainer where and how often to autosave (after a start, and when the setting changes). */
  async configureAutosave(): Promise<void> {
    const host = this.host
    if (!host) return
    await host.request({ type: 'configureAutosave', path: this.options.autosavePath, everySeconds: this.options.autosaveSeconds() }, { timeoutMs: CONTROL_TIMEOUT_MS })
  }

  /** On quit: a running training is stopped (which saves it), then the process ends. */
  async shutdown(graceMs = CONTROL_TIMEOUT_MS): Promise<void> {
    const host = this.host
    if (!host) return
    // "stop" is refused when nothing is training; either way the trainer has saved what it had.
    await host.request({ type: 'stop' }, { timeoutMs: graceMs }).catch(() => undefined)
    await this.end(host)
  }

  private async end(host: TrainerHost): Promise<void> {
    host.kill()
    if (!(await host.waitForExit(EXIT_WAIT_MS))) {
      host.kill('SIGKILL')
      await host.waitForExit(EXIT_WAIT_MS)
    }
  }

  private async launch(first: ((host: TrainerHost) => void) | null): Promise<TrainerHost> {
    const { log } = this.options
    await mkdir(dirname(this.options.autosavePath), { recursive: true })
    let host: TrainerHost
    try {
      host = new TrainerHost({ launch: this.options.launch, log, handshakeTimeoutMs: this.options.handshakeTimeoutMs })
    } catch (error) {
      await this.reportExit(null, null, `The trainer could not be started: ${(error as Error).message}`)
      throw error
    }
    this.current = host
    let crashReported = false
    host.onMessage((event) => this.observe(event))
    host.onCrash((crash) => {
      crashReported = true
      void this.reportExit(host, crash.code, crash.reason)
    })
    let ready
    try {
      ready = await host.ready
    } catch (error) {
      host.kill()
      // A crash while starting has been reported already; a refused handshake has not.
      if (!crashReported) await this.reportExit(host, null, (error as Error).message)
      throw error
    }
    try {
      await this.configureAutosave()
    } catch (error) {
      log.warn(`The trainer will not autosave: ${(error as Error).message}`, error)
    }
    first?.(host)
    this.options.emit({ type: 'trainerStarted', pid: ready.pid })
    this.startEmitter.fire(host)
    return host
  }

  private observe(event: TrainerEvent): void {
    if (event.type === 'checkpointSaved') this.checkpoint = event.path
    else if (event.type === 'state' && event.run?.checkpointPath) this.checkpoint = event.run.checkpointPath
    // Responses are answered through forward(); the handshake is the host's business.
    if (event.type !== 'ready' && event.type !== 'response') this.options.relay(event)
  }

  private noteCheckpointIn(type: AnsweredRequest['type'], result: unknown): void {
    const fields = (result ?? {}) as { path?: unknown; checkpointPath?: unknown }
    if (type === 'saveCheckpoint' && typeof fields.path === 'string') this.checkpoint = fields.path
    if ((type === 'start' || type === 'loadCheckpoint') && typeof fields.checkpointPath === 'string') this.checkpoint = fields.checkpointPath
  }

  /**
   * The last checkpoint seen; failing that, the autosave file if it was written during this
   * session (the trainer may report its saves on the window's port, which main does not see).
   */
  private async findCheckpoint(): Promise<string | null> {
    if (this.checkpoint) return this.checkpoint
    try {
      const info = await stat(this.options.autosavePath)
      return info.mtimeMs >= this.sessionStartedAt ? this.options.autosavePath : null
    } catch {
      return null
    }
  }

  private async reportExit(host: TrainerHost | null, code: number | null, reason: string): Promise<void> {
    if (host && this.current === host) this.current = null
    this.options.emit({ type: 'trainerExited', code, reason, checkpointPath: await this.findCheckpoint() })
  }
}
