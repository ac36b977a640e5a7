/**
 * One running trainer process, wrapped in the VS Code style: it turns the process's raw
 * messages into validated, typed events (`onMessage`), tells an exit we asked for (`onExit`)
 * from one we did not (`onCrash`, with a sentence), checks the ready handshake's protocol
 * version, and pairs each request with its response. Every id this host assigns starts with
 * "m"; the window's requests keep their own "r" ids and pass through `forward`.
 */
import { PROTOCOL_VERSION, TrainerEventSchema, type TrainerCall, type TrainerEvent, type TrainerRequest, type TrainerResponseEvent } from '../../core/contract/trainerProtocol'
import { TRAINER_RESULT_SCHEMAS, type TrainerResult } from '../../core/contract/trainerResults'
import { checkMessage } from '../../core/contract/validation'
import { Emitter } from './emitter'
import type { Logger } from './logger'
import { describeTrainerExit } from './trainerExit'
import { TrainerHostError } from './trainerHostError'
import type { TrainerLauncher, TrainerProcessExit, TrainerProcessHandle } from './trainerProcess'

export type TrainerReady = Extract<TrainerEvent, { type: 'ready' }>
/** A response without its envelope: what the window gets back for its request. */
export type TrainerReply = Omit<TrainerResponseEvent, 'type' | 'id'>
export type AnsweredRequest = Exclude<TrainerRequest, { type: 'ack' }>

export interface TrainerCrash extends TrainerProcessExit {
  readonly reason: string
}

export interface TrainerHostOptions {
  readonly launch: TrainerLauncher
  readonly log: Logger
  /** How long the trainer may take to say it is ready. */
  readonly handshakeTimeoutMs?: number
}

export interface RequestOptions {
  /** Reject when no answer comes within this time; default: wait (long tasks report progress and can be cancelled). */
  readonly timeoutMs?: number
}

interface PendingRequest {
  readonly type: AnsweredRequest['type']
  readonly resolve: (reply: TrainerReply) => void
  readonly reject: (error: TrainerHostError) => void
  readonly timer: ReturnType<typeof setTimeout> | undefined
}

const DEFAULT_HANDSHAKE_TIMEOUT_MS = 20_000

export class TrainerHost {
  /** Resolves with the trainer's ready message; rejects on a protocol mismatch, an early exit or no handshake in time. */
  readonly ready: Promise<TrainerReady>
  private readonly process: TrainerProcessHandle
  private readonly log: Logger
  private readonly pending = new Map<string, PendingRequest>()
  private readonly messageEmitter: Emitter<TrainerEvent>
  private readonly exitEmitter: Emitter<TrainerProcessExit>
  private readonly crashEmitter: Emitter<TrainerCrash>
  private settleReady: { resolve: (ready: TrainerReady) => void; reject: (error: TrainerHostError) => void } | null = null
  private readonly handshakeTimer: ReturnType<typeof setTimeout>
  private nextId = 1
  private killRequested = false
  private exitInfo: TrainerProcessExit | null = null
  private readonly exitWaiters = new Set<(exit: TrainerProcessExit) => void>()

  /** Every valid message from the trainer's own channel (ready, responses, state, progress when no port is connected…). */
  readonly onMessage
  /** The process ended, whoever ended it. */
  readonly onExit
  /** The process ended without being asked to (crash, out of memory, killed from outside). */
  readonly onCrash

  constructor(options: TrainerHostOptions) {
    this.log = options.log
    const reportListenerError = (error: unknown): void => options.log.error('A trainer event listener failed.', error)
    this.messageEmitter = new Emitter<TrainerEvent>(reportListenerError)
    this.exitEmitter = new Emitter<TrainerProcessExit>(reportListenerError)
    this.crashEmitter = new Emitter<TrainerCrash>(reportListenerError)
    this.onMessage = this.messageEmitter.event
    this.onExit = this.exitEmitter.event
    this.onCrash = this.crashEmitter.event

    this.ready = new Promise<TrainerReady>((resolve, reject) => {
      this.settleReady = { resolve, reject }
    })
    // Callers that never await `ready` must not cause an unhandled rejection.
    this.ready.catch(() => undefined)
    this.process = options.launch()
    this.process.onMessage((message) => this.receive(message))
    this.process.onExit((exit) => this.handleExit(exit))
    const handshakeMs = options.handshakeTimeoutMs ?? DEFAULT_HANDSHAKE_TIMEOUT_MS
    this.handshakeTimer = setTimeout(() => {
      this.failHandshake(new TrainerHostError('handshake', `The trainer did not start within ${handshakeMs / 1000} seconds.`))
      this.kill('SIGKILL')
    }, handshakeMs)
  }

  /** The trainer's process id, once known. */
  get pid(): number | undefined {
    return this.process.pid
  }

  get isRunning(): boolean {
    return this.exitInfo === null
  }

  /** Sends a request with a host id ("m…") and resolves with its result, checked against the protocol. */
  async request<C extends TrainerCall>(call: C, options: RequestOptions = {}): Promise<TrainerResult<C['type']>> {
    const request = { ...call, id: `m${this.nextId++}` } as AnsweredRequest
    const reply = await this.forward(request, options)
    if (!reply.ok) {
      throw new TrainerHostError('trainer', reply.error?.message ?? `The trainer refused the “${call.type}” request without saying why.`, reply.error)
    }
    const checked = checkMessage(TRAINER_RESULT_SCHEMAS[call.type], reply.result, `“${call.type}” result`)
    if (!checked.ok) throw new TrainerHostError('invalidResult', checked.error.message)
    return checked.value as TrainerResult<C['type']>
  }

  /** Sends a request whose id the caller chose and resolves with the trainer's reply as it came (ok or not). */
  async forward(request: AnsweredRequest, options: RequestOptions = {}): Promise<TrainerReply> {
    await this.ready
    if (this.exitInfo) throw new TrainerHostError('exited', `The trainer is not running, so the “${request.type}” request was not sent.`)
    if (this.pending.has(request.id)) {
      const message = `A request with the id “${request.id}” is still waiting for its answer; each request needs its own id.`
      throw new TrainerHostError('trainer', message, { kind: 'badRequest', message })
    }
    return new Promise<TrainerReply>((resolve, reject) => {
      const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => {
        this.pending.delete(request.id)
        reject(new TrainerHostError('timeout', `The trainer did not answer the “${request.type}” request within ${options.timeoutMs! / 1000} seconds.`))
      }, options.timeoutMs)
      this.pending.set(request.id, { type: request.type, resolve, reject, timer })
      this.process.postMessage(request)
    })
  }

  /**
   * Sends a message that gets no response: a flow-control ack, or the adapter-level
   * `connectPort` with its MessagePort. False when the trainer is no longer running.
   */
  post(message: Extract<TrainerRequest, { type: 'ack' }> | { readonly type: 'connectPort' }, transfer?: readonly unknown[]): boolean {
    if (this.exitInfo) return false
    this.process.postMessage(message, transfer)
    return true
  }

  /** Hands the trainer one end of a MessageChannel: high-rate events then go to that port, and acks may come from it. */
  connectPort(port: unknown): boolean {
    return this.post({ type: 'connectPort' }, [port])
  }

  /** Ends the process; its exit is then not a crash. False when it had already ended. */
  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    this.killRequested = true
    if (this.exitInfo) return false
    return this.process.kill(signal)
  }

  /** Resolves with how the process ended, or undefined if it is still running after `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<TrainerProcessExit | undefined> {
    if (this.exitInfo) return Promise.resolve(this.exitInfo)
    return new Promise((resolve) => {
      const done = (exit: TrainerProcessExit | undefined): void => {
        clearTimeout(timer)
        this.exitWaiters.delete(done)
        resolve(exit)
      }
      const timer = setTimeout(() => done(undefined), timeoutMs)
      this.exitWaiters.add(done)
    })
  }

  private receive(message: unknown): void {
    const checked = checkMessage(TrainerEventSchema, message, 'trainer event')
    if (!checked.ok) {
      this.log.warn(`Dropped a message from the trainer. ${checked.error.message}`, checked.error)
      return
    }
    const event = checked.value
    if (event.type === 'ready') this.handleReady(event)
    else if (event.type === 'response') this.handleResponse(event)
    this.messageEmitter.fire(event)
  }

  private handleReady(event: TrainerReady): void {
    if (!this.settleReady) {
      this.log.warn('The trainer said it was ready a second time; ignored.')
      return
    }
    if (event.protocol !== PROTOCOL_VERSION) {
      this.failHandshake(new TrainerHostError(
        'protocolMismatch',
        `The trainer speaks protocol version ${event.protocol} but this app speaks version ${PROTOCOL_VERSION}; reinstall Word2Vec Studio so that both parts come from the same version.`,
      ))
      this.kill()
      return
    }
    clearTimeout(this.handshakeTimer)
    this.settleReady.resolve(event)
    this.settleReady = null
  }

  private handleResponse(event: TrainerResponseEvent): void {
    const pending = this.pending.get(event.id)
    // Responses to the window's port requests, or to a request that timed out, are not ours.
    if (!pending) return
    this.pending.delete(event.id)
    clearTimeout(pending.timer)
    pending.resolve(event.error === undefined ? { ok: event.ok, result: event.result } : { ok: event.ok, result: event.result, error: event.error })
  }

  private failHandshake(error: TrainerHostError): void {
    clearTimeout(this.handshakeTimer)
    this.settleReady?.reject(error)
    this.settleReady = null
  }

  private handleExit(exit: TrainerProcessExit): void {
    this.exitInfo = exit
    const crashed = !this.killRequested
    const reason = describeTrainerExit(exit)
    this.failHandshake(new TrainerHostError('exited', crashed ? `${reason} It happened while the trainer was starting.` : 'The trainer was stopped while starting.'))
    for (const [id, pending] of this.pending) {
      this.pending.delete(id)
      clearTimeout(pending.timer)
      pending.reject(new TrainerHostError('exited', `The trainer stopped before answering the “${pending.type}” request.`))
    }
    for (const waiter of [...this.exitWaiters]) waiter(exit)
    this.exitEmitter.fire(exit)
    if (crashed) this.crashEmitter.fire({ ...exit, reason })
  }
}
