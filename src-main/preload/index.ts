/**
 * The window's whole reach into the app: `window.w2v`, of exactly the contract's W2vApi type.
 * Invoke calls go to main and come back as `{ ok, value | error }` (checked against the
 * contract, never thrown); app events and trainer events are checked before any listener sees
 * them. Trainer events stream on a MessagePort main hands over (again after each trainer
 * restart or page reload; listeners carry over), and each progress batch is acknowledged on
 * the port it came from once the listeners have it, which is the trainer's flow control.
 * Sandboxed: this file may use only electron and the contract.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron'
import {
  APP_EVENT_CHANNEL, APP_INVOKE, AppErrorSchema, AppEventSchema, TRAINER_PORT_CHANNEL, channelName,
  type AppChannel, type AppEvent, type AppResponse,
} from '../core/contract/appProtocol'
import type { AppInvokeApi, DroppedFile, Unsubscribe, W2vApi } from '../core/contract/preloadApi'
import { TrainerEventSchema, type TrainerEvent } from '../core/contract/trainerProtocol'
import { checkMessage } from '../core/contract/validation'

/** The DOM MessagePort the window receives (this file is type-checked without the DOM library). */
interface WindowPort {
  onmessage: ((event: { data: unknown }) => void) | null
  postMessage(message: unknown): void
  start(): void
  close(): void
}

function failure<K extends AppChannel>(message: string): AppResponse<K> {
  return { ok: false, error: { kind: 'internal', message } }
}

/** Main's answer as the contract describes it, or an internal error saying what was wrong with it. */
function unwrap<K extends AppChannel>(channel: K, response: unknown): AppResponse<K> {
  const envelope = response as { ok?: unknown; value?: unknown; error?: unknown } | null
  if (envelope?.ok === true) {
    const checked = checkMessage(APP_INVOKE[channel].result, envelope.value, `“${channel}” answer`)
    return checked.ok ? ({ ok: true, value: checked.value } as AppResponse<K>) : failure(checked.error.message)
  }
  if (envelope?.ok === false) {
    const checked = checkMessage(AppErrorSchema, envelope.error, `“${channel}” error`)
    return checked.ok ? { ok: false, error: checked.value } : failure(checked.error.message)
  }
  return failure(`The app answered the “${channel}” request with something that is not an answer.`)
}

async function invoke<K extends AppChannel>(channel: K, args: unknown): Promise<AppResponse<K>> {
  try {
    return unwrap(channel, await ipcRenderer.invoke(channelName(channel), args))
  } catch (error) {
    return failure(`The app did not answer the “${channel}” request: ${error instanceof Error ? error.message : String(error)}.`)
  }
}

/** A listener set whose members are called in turn; one that throws does not stop the others. */
function listenerSet<T>() {
  const listeners = new Set<(value: T) => void>()
  return {
    subscribe(listener: (value: T) => void): Unsubscribe {
      const entry = (value: T): void => listener(value)
      listeners.add(entry)
      return () => void listeners.delete(entry)
    },
    deliver(value: T): void {
      for (const listener of [...listeners]) {
        try {
          listener(value)
        } catch (error) {
          console.error(error)
        }
      }
    },
  }
}

const appEvents = listenerSet<AppEvent>()
const trainerEvents = listenerSet<TrainerEvent>()

ipcRenderer.on(APP_EVENT_CHANNEL, (_event, message: unknown) => {
  const checked = checkMessage(AppEventSchema, message, 'app event')
  if (checked.ok) appEvents.deliver(checked.value)
  else console.warn(`Dropped an app event. ${checked.error.message}`)
})

function deliverTrainerEvent(message: unknown, ack: (seq: number) => void): void {
  const checked = checkMessage(TrainerEventSchema, message, 'trainer event')
  if (!checked.ok) {
    console.warn(`Dropped a trainer event. ${checked.error.message}`)
    return
  }
  trainerEvents.deliver(checked.value)
  if (checked.value.type === 'progress') ack(checked.value.seq)
}

let trainerPort: WindowPort | null = null

ipcRenderer.on(TRAINER_PORT_CHANNEL, (event, message: unknown) => {
  const port = event.ports[0] as unknown as WindowPort | undefined
  if (port) {
    trainerPort?.close()
    trainerPort = port
    port.onmessage = ({ data }) => deliverTrainerEvent(data, (seq) => port.postMessage({ type: 'ack', seq }))
    port.start()
    return
  }
  // An event that reached main on the trainer's own channel: its ack goes back the same way.
  deliverTrainerEvent(message, (seq) => void invoke('trainerRequest', { type: 'ack', seq }))
})

const invokeApi = Object.fromEntries(
  (Object.keys(APP_INVOKE) as AppChannel[]).map((channel) => [channel, (args: unknown) => invoke(channel, args)]),
) as unknown as AppInvokeApi

const api: W2vApi = {
  ...invokeApi,
  runtime: {
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
    node: process.versions.node,
    platform: process.platform,
  },
  onTrainerEvent: (listener) => trainerEvents.subscribe(listener),
  onAppEvent: (listener) => appEvents.subscribe(listener),
  pathForFile(file: DroppedFile): string {
    try {
      return webUtils.getPathForFile(file as unknown as Parameters<typeof webUtils.getPathForFile>[0])
    } catch {
      return ''
    }
  },
}

contextBridge.exposeInMainWorld('w2v', api)
