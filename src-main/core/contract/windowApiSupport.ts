/**
 * What every implementation of `window.w2v` does the same way, whatever its transport (the
 * Electron preload over IPC, the browser harness's shim over a WebSocket): answers are checked
 * against the contract and returned, never thrown; events are checked before any listener
 * sees them; a progress batch is acknowledged once the listeners have it. The core has no
 * console, so each caller passes where warnings go.
 */
import { APP_INVOKE, AppErrorSchema, AppEventSchema, type AppChannel, type AppEvent, type AppResponse } from './appProtocol'
import type { Unsubscribe } from './preloadApi'
import { TrainerEventSchema, type TrainerEvent } from './trainerProtocol'
import { checkMessage } from './validation'

export function appFailure<K extends AppChannel>(message: string): AppResponse<K> {
  return { ok: false, error: { kind: 'internal', message } }
}

/** The app's answer as the contract describes it, or an internal error saying what was wrong with it. */
export function unwrapAppResponse<K extends AppChannel>(channel: K, response: unknown): AppResponse<K> {
  const envelope = response as { ok?: unknown; value?: unknown; error?: unknown } | null
  if (envelope?.ok === true) {
    const checked = checkMessage(APP_INVOKE[channel].result, envelope.value, `“${channel}” answer`)
    return checked.ok ? ({ ok: true, value: checked.value } as AppResponse<K>) : appFailure(checked.error.message)
  }
  if (envelope?.ok === false) {
    const checked = checkMessage(AppErrorSchema, envelope.error, `“${channel}” error`)
    return checked.ok ? { ok: false, error: checked.value } : appFailure(checked.error.message)
  }
  return appFailure(`The app answered the “${channel}” request with something that is not an answer.`)
}

export interface ListenerSet<T> {
  subscribe(listener: (value: T) => void): Unsubscribe
  deliver(value: T): void
}

/** Where dropped messages and failing listeners are reported (the window's console). */
export type Warn = (message: string, error?: unknown) => void

/** Listeners called in turn; one that throws is reported and does not stop the others. */
export function listenerSet<T>(warn: Warn): ListenerSet<T> {
  const listeners = new Set<(value: T) => void>()
  return {
    subscribe(listener) {
      const entry = (value: T): void => listener(value)
      listeners.add(entry)
      return () => void listeners.delete(entry)
    },
    deliver(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value)
        } catch (error) {
          warn('A listener failed.', error)
        }
      }
    },
  }
}

/** Checks an app event and hands it to the listeners; an invalid one is dropped with a warning. */
export function receiveAppEvent(message: unknown, listeners: ListenerSet<AppEvent>, warn: Warn): void {
  const checked = checkMessage(AppEventSchema, message, 'app event')
  if (checked.ok) listeners.deliver(checked.value)
  else warn(`Dropped an app event. ${checked.error.message}`)
}

/** Checks a trainer event, hands it to the listeners and acknowledges a progress batch (the trainer's flow control). */
export function receiveTrainerEvent(message: unknown, listeners: ListenerSet<TrainerEvent>, ack: (seq: number) => void, warn: Warn): void {
  const checked = checkMessage(TrainerEventSchema, message, 'trainer event')
  if (!checked.ok) {
    warn(`Dropped a trainer event. ${checked.error.message}`)
    return
  }
  listeners.deliver(checked.value)
  if (checked.value.type === 'progress') ack(checked.value.seq)
}
