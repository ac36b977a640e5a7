/**
 * Trainer requests from the window: each gets an id of its own ("r1", "r2", …, the window's
 * namespace), goes through `w2v.trainerRequest`, and comes back as one outcome whether the app
 * or the trainer refused it.
 */
import type { TrainerCall, TrainerRequest } from '@contract/trainerProtocol'
import type { TrainerResult } from '@contract/trainerResults'
import { w2v } from './w2vApi'

export interface RequestFailure {
  readonly kind: string
  readonly message: string
  /** The setting at fault, for the trainer's config errors. */
  readonly field?: string
}

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: RequestFailure }

/** A request as the window writes it: everything but the id (acks are the preload's business). */
export type WindowCall = Exclude<TrainerCall, { type: 'ack' }>

let lastId = 0

/** Hears of every window request as it is sent and when it is answered: the session, which tracks their progress. */
export interface RequestObserver {
  sent(id: string): void
  settled(id: string): void
}

let observer: RequestObserver | null = null

export function observeRequests(next: RequestObserver | null): void {
  observer = next
}

export function nextRequestId(): string {
  return `r${++lastId}`
}

export async function requestTrainer<C extends WindowCall>(call: C, id = nextRequestId()): Promise<Outcome<TrainerResult<C['type']>>> {
  observer?.sent(id)
  try {
    return await sendRequest(call, id)
  } finally {
    observer?.settled(id)
  }
}

async function sendRequest<C extends WindowCall>(call: C, id: string): Promise<Outcome<TrainerResult<C['type']>>> {
  let response
  try {
    response = await w2v().trainerRequest({ ...call, id } as TrainerRequest)
  } catch (error) {
    return { ok: false, error: { kind: 'internal', message: `The app did not answer the “${call.type}” request: ${error instanceof Error ? error.message : String(error)}.` } }
  }
  if (!response.ok) return { ok: false, error: response.error }
  const reply = response.value
  // The main process has checked the result against TRAINER_RESULT_SCHEMAS before answering.
  if (reply.ok) return { ok: true, value: reply.result as TrainerResult<C['type']> }
  return { ok: false, error: reply.error ?? { kind: 'internal', message: `The trainer refused the “${call.type}” request without saying why.` } }
}

/** Asks the trainer to cancel a long request (it then answers that request with a 'cancelled' error). */
export function cancelRequest(target: string): Promise<Outcome<TrainerResult<'cancel'>>> {
  return requestTrainer({ type: 'cancel', target })
}
