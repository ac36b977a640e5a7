import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it } from 'vitest'
import { connectToParent, type PortLink } from '../../src-main/trainer/parentChannel'

/** Electron's MessagePortMain and process.parentPort, as far as the adapter uses them. */
class FakeMessagePort extends EventEmitter {
  readonly posted: unknown[] = []
  started = false
  postMessage(message: unknown): void {
    this.posted.push(message)
  }
  start(): void {
    this.started = true
  }
}

class FakeParentPort extends FakeMessagePort {}

const processWithPort = process as unknown as { parentPort?: FakeParentPort }

describe('connectToParent under Electron’s utility process', () => {
  afterEach(() => {
    delete processWithPort.parentPort
  })

  it('unwraps { data } messages, posts to the parent port, and hands over the window’s port from connectPort', () => {
    const parentPort = new FakeParentPort()
    processWithPort.parentPort = parentPort
    const channel = connectToParent()
    const received: unknown[] = []
    const ports: PortLink[] = []
    channel.onMessage((m) => received.push(m))
    channel.onPort((p) => ports.push(p))

    parentPort.emit('message', { data: { type: 'pause', id: 'm1' }, ports: [] })
    channel.post({ type: 'ready' })
    expect(received).toEqual([{ type: 'pause', id: 'm1' }])
    expect(parentPort.posted).toEqual([{ type: 'ready' }])

    const windowPort = new FakeMessagePort()
    parentPort.emit('message', { data: { type: 'connectPort' }, ports: [windowPort] })
    // The adapter-level message never reaches the request handler.
    expect(received).toHaveLength(1)
    expect(ports).toHaveLength(1)
    expect(windowPort.started).toBe(true)
    const fromWindow: unknown[] = []
    let closed = false
    ports[0]!.onMessage((m) => fromWindow.push(m))
    ports[0]!.onClose(() => (closed = true))
    windowPort.emit('message', { data: { type: 'ack', seq: 2 } })
    ports[0]!.post({ type: 'progress' })
    windowPort.emit('close')
    expect(fromWindow).toEqual([{ type: 'ack', seq: 2 }])
    expect(windowPort.posted).toEqual([{ type: 'progress' }])
    expect(closed).toBe(true)

    // A connectPort without a port is logged and ignored.
    parentPort.emit('message', { data: { type: 'connectPort' }, ports: [] })
    expect(ports).toHaveLength(1)
    expect(received).toHaveLength(1)
  })
})
