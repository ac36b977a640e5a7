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
  APP_EVENT_CHANNEL, APP_INVOKE, DROPPED_FILE_CHANNEL, TRAINER_PORT_CHANNEL, channelName, type AppChannel, type AppEvent, type AppResponse,
} from '../core/contract/appProtocol'
import type { AppInvokeApi, DroppedFile, W2vApi } from '../core/contract/preloadApi'
import type { TrainerEvent } from '../core/contract/trainerProtocol'
import {
  type Warn, appFailure, listenerSet, receiveAppEvent, receiveTrainerEvent, unwrapAppResponse,
} from '../core/contract/windowApiSupport'

/** The DOM MessagePort the window receives (this file is type-checked without the DOM library). */
interface WindowPort {
  onmessage: ((event: { data: unknown }) => void) | null
  postMessage(message: unknown): void
  start(): void
  close(): void
}

async function invoke<K extends AppChannel>(channel: K, args: unknown): Promise<AppResponse<K>> {
  try {
    return unwrapAppResponse(channel, await ipcRenderer.invoke(channelName(channel), args))
  } catch (error) {
    return appFailure(`The app did not answer the “${channel}” request: ${error instanceof Error ? error.message : String(error)}.`)
  }
}

const warn: Warn = (message, error) => (error === undefined ? console.warn(message) : console.error(message, error))

const appEvents = listenerSet<AppEvent>(warn)
const trainerEvents = listenerSet<TrainerEvent>(warn)

ipcRenderer.on(APP_EVENT_CHANNEL, (_event, message: unknown) => receiveAppEvent(message, appEvents, warn))

function deliverTrainerEvent(message: unknown, ack: (seq: number) => void): void {
  receiveTrainerEvent(message, trainerEvents, ack, warn)
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
    let path: string
    try {
      path = webUtils.getPathForFile(file as unknown as Parameters<typeof webUtils.getPathForFile>[0])
    } catch {
      return ''
    }
    // Synchronous, so main knows the file before the request that reads it arrives.
    if (path !== '') ipcRenderer.sendSync(DROPPED_FILE_CHANNEL, path)
    return path
  },
}

contextBridge.exposeInMainWorld('w2v', api)
