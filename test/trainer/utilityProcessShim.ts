/**
 * Loaded with --import before the built trainer entry, so it runs its Electron code path under
 * plain Node: a stand-in `process.parentPort`, and a window port handed over with connectPort.
 * The test speaks through IPC with envelopes saying which link a message travels on.
 */
import { EventEmitter } from 'node:events'

export type Envelope =
  | { readonly via: 'parent' | 'port'; readonly message: unknown }
  | { readonly via: 'connectPort' | 'closePort' }

class StandInPort extends EventEmitter {
  constructor(private readonly forward: (message: unknown) => void) {
    super()
  }

  postMessage(message: unknown): void {
    this.forward(message)
  }

  start(): void {}
}

const send = process.send!.bind(process)
const parentPort = new StandInPort((message) => send({ via: 'parent', message }))
let windowPort: StandInPort | null = null

process.on('message', (envelope: Envelope) => {
  switch (envelope.via) {
    case 'connectPort':
      windowPort = new StandInPort((message) => send({ via: 'port', message }))
      parentPort.emit('message', { data: { type: 'connectPort' }, ports: [windowPort] })
      break
    case 'closePort':
      windowPort?.emit('close')
      break
    case 'port':
      windowPort?.emit('message', { data: envelope.message })
      break
    case 'parent':
      parentPort.emit('message', { data: envelope.message, ports: [] })
      break
  }
})
Object.defineProperty(process, 'parentPort', { value: parentPort })
