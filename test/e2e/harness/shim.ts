/**
 * The browser side of the harness: installs `window.w2v`, of exactly the preload's W2vApi
 * type, over a WebSocket to the harness server instead of Electron's IPC. It behaves as the
 * preload does: invoke answers are checked against the contract (and never thrown), app and
 * trainer events are checked before a listener sees them, and each progress batch is
 * acknowledged once the listeners have it. A dropped file gets a real path by being uploaded
 * (synchronously, as Electron's webUtils answers synchronously).
 * Type-checked without the DOM library, like the preload: the few browser objects it uses are
 * described below.
 */
import { APP_INVOKE, type AppChannel, type AppEvent, type AppResponse } from '../../../src-main/core/contract/appProtocol'
import type { AppInvokeApi, DroppedFile, RuntimeVersions, W2vApi } from '../../../src-main/core/contract/preloadApi'
import type { TrainerEvent } from '../../../src-main/core/contract/trainerProtocol'
import { checkMessage } from '../../../src-main/core/contract/validation'
import {
  type Warn, appFailure, listenerSet, receiveAppEvent, receiveTrainerEvent, unwrapAppResponse,
} from '../../../src-main/core/contract/windowApiSupport'
import { SOCKET_PATH, ServerMessageSchema, UPLOAD_PATH, decodeMessage, encodeMessage } from './wire'

/** The server's Node versions, put in by the bundler (shimBundle.ts). */
export interface HostRuntime {
  readonly node: string
  readonly platform: string
}
declare const HARNESS_HOST_RUNTIME: HostRuntime

interface BrowserSocket {
  readonly readyState: number
  send(data: string): void
  addEventListener(type: 'open' | 'close', listener: () => void): void
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void
}

interface SyncRequest {
  readonly status: number
  readonly responseText: string
  open(method: string, url: string, async: false): void
  send(body: unknown): void
}

interface Browser {
  readonly WebSocket: { new (url: string): BrowserSocket; readonly OPEN: number }
  readonly XMLHttpRequest: new () => SyncRequest
  readonly Blob: abstract new () => object
  readonly location: { readonly protocol: string; readonly host: string }
  readonly navigator: { readonly userAgent: string }
}

const browser = globalThis as unknown as Browser

const warn: Warn = (message, error) => (error === undefined ? console.warn(message) : console.error(message, error))

const appEvents = listenerSet<AppEvent>(warn)
const trainerEvents = listenerSet<TrainerEvent>(warn)

const scheme = browser.location.protocol === 'https:' ? 'wss' : 'ws'
const socket = new browser.WebSocket(`${scheme}://${browser.location.host}${SOCKET_PATH}`)
const opened = new Promise<boolean>((resolve) => {
  socket.addEventListener('open', () => resolve(true))
  socket.addEventListener('close', () => resolve(false))
})
/** Invokes waiting for their answer; `undefined` resolves one whose connection closed. */
const pending = new Map<number, (response: unknown) => void>()
let nextId = 0

socket.addEventListener('close', () => {
  for (const resolve of pending.values()) resolve(undefined)
  pending.clear()
})

async function invoke<K extends AppChannel>(channel: K, args: unknown): Promise<AppResponse<K>> {
  if (!(await opened) || socket.readyState !== browser.WebSocket.OPEN) {
    return appFailure(`The app did not answer the “${channel}” request: the connection to the harness is closed.`)
  }
  const id = nextId++
  const answer = new Promise<unknown>((resolve) => pending.set(id, resolve))
  socket.send(encodeMessage({ id, channel, args }))
  const response = await answer
  if (response === undefined) return appFailure(`The app did not answer the “${channel}” request: the connection to the harness closed.`)
  return unwrapAppResponse(channel, response)
}

socket.addEventListener('message', ({ data }) => {
  let decoded: unknown
  try {
    decoded = decodeMessage(String(data))
  } catch {
    console.warn('Dropped a harness message that is not JSON.')
    return
  }
  const checked = checkMessage(ServerMessageSchema, decoded, 'harness message')
  if (!checked.ok) {
    console.warn(`Dropped a harness message. ${checked.error.message}`)
    return
  }
  const message = checked.value
  if (message.kind === 'answer') {
    pending.get(message.id)?.(message.response)
    pending.delete(message.id)
  } else if (message.kind === 'appEvent') {
    receiveAppEvent(message.event, appEvents, warn)
  } else {
    // No MessagePort here: the ack goes back the way the event came, as the preload sends it to main.
    receiveTrainerEvent(message.event, trainerEvents, (seq) => void invoke('trainerRequest', { type: 'ack', seq }), warn)
  }
})

/** Uploads the file and returns where the server wrote it; '' for anything that is not a File or cannot be uploaded. */
function pathForFile(file: DroppedFile): string {
  if (!(file instanceof browser.Blob)) return ''
  const request = new browser.XMLHttpRequest()
  try {
    request.open('POST', `${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, false)
    request.send(file)
  } catch {
    return ''
  }
  return request.status === 200 ? request.responseText : ''
}

const runtime: RuntimeVersions = {
  electron: 'harness',
  chrome: /Chrom(?:e|ium)\/([\d.]+)/.exec(browser.navigator.userAgent)?.[1] ?? '',
  node: HARNESS_HOST_RUNTIME.node,
  platform: HARNESS_HOST_RUNTIME.platform,
}

const invokeApi = Object.fromEntries(
  (Object.keys(APP_INVOKE) as AppChannel[]).map((channel) => [channel, (args: unknown) => invoke(channel, args)]),
) as unknown as AppInvokeApi

const api = {
  ...invokeApi,
  runtime,
  onTrainerEvent: (listener: (event: TrainerEvent) => void) => trainerEvents.subscribe(listener),
  onAppEvent: (listener: (event: AppEvent) => void) => appEvents.subscribe(listener),
  pathForFile,
} satisfies W2vApi

// As contextBridge exposes it: a frozen object the page cannot replace.
Object.defineProperty(globalThis, 'w2v', { value: Object.freeze(api), enumerable: true })
