/**
 * Why a request to the trainer, or the trainer itself, failed — as a kind the caller can act on
 * and one sentence a user understands.
 */
import type { TrainerError } from '../../core/contract/trainerProtocol'

export type TrainerHostErrorKind =
  /** The trainer did not say it was ready in time. */
  | 'handshake'
  /** The trainer speaks another protocol version than this app. */
  | 'protocolMismatch'
  /** The trainer process ended before answering. */
  | 'exited'
  /** No answer within the request's time limit. */
  | 'timeout'
  /** The trainer answered with an error of its own (see `trainerError`). */
  | 'trainer'
  /** The trainer answered with a result that does not fit the protocol. */
  | 'invalidResult'

export class TrainerHostError extends Error {
  override readonly name = 'TrainerHostError'

  constructor(readonly kind: TrainerHostErrorKind, message: string, readonly trainerError?: TrainerError) {
    super(message)
  }
}
