/**
 * The harness's WindowMessenger: the open pages are the WebSockets connected to the server.
 * App events sent while no page is connected (the trainer's start) wait for the next one, as
 * main's wait for the page to load; relayed trainer events do not wait, because a page asks
 * for the state it needs once it runs.
 */
import type { WebSocket } from 'ws'
import type { AppEvent } from '../../../src-main/core/contract/appProtocol'
import type { TrainerEvent } from '../../../src-main/core/contract/trainerProtocol'
import { encodeMessage, type ServerMessage } from './wire'

/** More waiting events than this means no page is coming; the oldest are dropped. */
const MAX_WAITING = 100

export class SocketWindows {
  private readonly sockets = new Set<WebSocket>()
  private readonly waiting: AppEvent[] = []

  attach(socket: WebSocket): void {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    for (const event of this.waiting.splice(0)) this.send(socket, { kind: 'appEvent', event })
  }

  sendAppEvent(event: AppEvent): void {
    if (this.sockets.size === 0) {
      this.waiting.push(event)
      if (this.waiting.length > MAX_WAITING) this.waiting.shift()
      return
    }
    for (const socket of this.sockets) this.send(socket, { kind: 'appEvent', event })
  }

  relayTrainerEvent(event: TrainerEvent): void {
    for (const socket of this.sockets) this.send(socket, { kind: 'trainerEvent', event })
  }

  send(socket: WebSocket, message: ServerMessage): void {
    if (socket.readyState === socket.OPEN) socket.send(encodeMessage(message))
  }

  /** Disconnects every page and forgets what waited for one (a reset starts a new app). */
  closeAll(): void {
    for (const socket of this.sockets) socket.close(1001, 'The harness was reset.')
    this.sockets.clear()
    this.waiting.length = 0
  }
}
