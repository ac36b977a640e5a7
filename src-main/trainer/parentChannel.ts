/**
 * The trainer's links to whoever started it, the same under Electron's utilityProcess
 * (`process.parentPort`, messages wrapped as `{ data, ports }`) and under plain Node's
 * `child_process.fork` (`process.send` / `'message'`), so the entry runs unchanged in tests.
 * Under Electron the host may also hand over a MessagePort to the window with the adapter-level
 * message `{ type: 'connectPort' }`; it never reaches the request parser.
 */
import { log } from './trainerErrors'

export interface MessageLink {
  post(message: unknown): void
  onMessage(listener: (message: unknown) => void): void
}

/** A direct port to the window; it closes when the window goes (a reload, say). */
export interface PortLink extends MessageLink {
  onClose(listener: () => void): void
}

export interface ParentChannel extends MessageLink {
  onPort(listener: (port: PortLink) => void): void
  /** The parent went away (Node only: Electron ends the utility process itself). */
  onDisconnect(listener: () => void): void
}

/** The adapter-level message that carries the window's port in `ports[0]`. */
export const CONNECT_PORT = 'connectPort'

interface ElectronMessagePort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
  on(event: 'close', listener: () => void): void
  start(): void
}

interface ElectronParentPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown; ports?: readonly ElectronMessagePort[] }) => void): void
}

function isConnectPort(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === CONNECT_PORT
}

function portLink(port: ElectronMessagePort): PortLink {
  const link: PortLink = {
    post: (message) => port.postMessage(message),
    onMessage: (listener) => port.on('message', (event) => listener(event.data)),
    onClose: (listener) => port.on('close', listener),
  }
  port.start()
  return link
}

export function connectToParent(): ParentChannel {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort
  if (parentPort) {
    const messageListeners: ((message: unknown) => void)[] = []
    const portListeners: ((port: PortLink) => void)[] = []
    parentPort.on('message', (event) => {
      if (!isConnectPort(event.data)) {
        for (const listener of messageListeners) listener(event.data)
        return
      }
      const port = event.ports?.[0]
      if (!port) {
        log('A connectPort message arrived without a port; events keep going to the parent.')
        return
      }
      const link = portLink(port)
      for (const listener of portListeners) listener(link)
    })
    return {
      post: (message) => parentPort.postMessage(message),
      onMessage: (listener) => messageListeners.push(listener),
      onPort: (listener) => portListeners.push(listener),
      onDisconnect: () => undefined,
    }
  }
  const send = process.send?.bind(process)
  if (!send) throw new Error('The trainer must be started by the app (utility process) or forked with an IPC channel.')
  return nodeParent(send)
}

/**
 * Under Node a send to a parent that has died does not throw: without a callback it becomes an
 * 'error' event on process, which nothing handles, so an uncaughtException whose report is
 * posted again, and so on in a loop of next ticks that never lets 'disconnect' arrive (a trainer
 * at 100 % CPU). A failed send whose channel is closed therefore means the parent is gone, the same
 * as 'disconnect', and is never re-reported.
 */
function nodeParent(send: NonNullable<typeof process.send>): ParentChannel {
  const goneListeners: (() => void)[] = []
  let gone = false
  const parentGone = (): void => {
    if (gone) return
    gone = true
    for (const listener of goneListeners) listener()
  }
  process.on('disconnect', parentGone)
  return {
    post: (message) => {
      if (!process.connected) return parentGone()
      send(message, undefined, undefined, (error: Error | null) => {
        if (!error) return
        if (!process.connected) parentGone()
        else log('A message to the parent could not be sent:', error)
      })
    },
    onMessage: (listener) => process.on('message', listener),
    onPort: () => undefined,
    onDisconnect: (listener) => {
      goneListeners.push(listener)
      if (gone) listener()
    },
  }
}
