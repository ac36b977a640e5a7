/** Turning whatever a service threw into the AppError the window shows: a kind and one sentence. */
import type { AppError } from '../../core/contract/appProtocol'
import { ContractError } from '../../core/contract/validation'
import { FileWriteError } from '../atomicFile'
import type { Logger } from './logger'
import { TrainerHostError } from './trainerHostError'

export function appError(kind: AppError['kind'], message: string): AppError {
  return { kind, message }
}

/** A refusal a handler decides on itself (a missing file, a link not on the allowlist). */
export class AppRequestError extends Error {
  override readonly name = 'AppRequestError'

  constructor(readonly kind: AppError['kind'], message: string) {
    super(message)
  }
}

export function toAppError(error: unknown, log: Logger): AppError {
  if (error instanceof AppRequestError) return appError(error.kind, error.message)
  if (error instanceof TrainerHostError) {
    switch (error.kind) {
      case 'exited': return appError('trainerExited', error.message)
      case 'handshake': case 'protocolMismatch': case 'timeout': return appError('unavailable', error.message)
      case 'trainer': return appError('io', error.message)
      case 'invalidResult': return appError('internal', error.message)
    }
  }
  if (error instanceof FileWriteError) return appError('io', error.message)
  if (error instanceof ContractError) return appError('badRequest', error.message)
  // Anything else is a bug: keep the details in the log, give the window a sentence.
  log.error('Unexpected error in an app request.', error)
  return appError('internal', `Something went wrong inside the app: ${error instanceof Error ? error.message : String(error)}.`)
}
