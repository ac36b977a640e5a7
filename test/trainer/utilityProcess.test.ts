import { type ChildProcess, fork } from 'node:child_process'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type TrainerEvent, TrainerEventSchema } from '../../src-main/core/contract/trainerProtocol'
import { parseMessage } from '../../src-main/core/contract/validation'
import { MOBY_DICK, SMALL_CONFIG, builtTrainer } from './forkTrainer'
import type { Envelope } from './utilityProcessShim'

interface Received {
  readonly via: 'parent' | 'port'
  readonly event: TrainerEvent
}

describe('the built trainer on its Electron path (process.parentPort and the window’s port, stood in for)', () => {
  let child: ChildProcess
  const received: Received[] = []
  const send = (envelope: Envelope): void => void child.send(envelope)
  const waitFor = (match: (r: Received) => boolean, timeoutMs = 20_000): Promise<Received> => new Promise((resolvePromise, reject) => {
    const started = Date.now()
    const poll = setInterval(() => {
      const found = received.find(match)
      if (found || Date.now() - started > timeoutMs) {
        clearInterval(poll)
        if (found) resolvePromise(found)
        else reject(new Error(`Timed out; last: ${JSON.stringify(received.slice(-3))}`))
      }
    }, 5)
  })

  beforeAll(async () => {
    child = fork(await builtTrainer(), [], {
      execArgv: ['--import', 'tsx', '--import', resolve(import.meta.dirname, 'utilityProcessShim.ts')],
      serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    })
    child.on('message', (m: { via: 'parent' | 'port'; message: unknown }) => {
      const event = parseMessage(TrainerEventSchema, m.message, 'trainer event')
      received.push({ via: m.via, event })
      // The window acks on its port, as the renderer does.
      if (event.type === 'progress') send({ via: m.via, message: { type: 'ack', seq: event.seq } })
    })
    await waitFor((r) => r.event.type === 'ready')
  })

  afterAll(() => {
    child?.kill()
  })

  it('streams progress to the port alone, low-rate events to both, and answers requests on the link they came from', async () => {
    expect(received[0]).toMatchObject({ via: 'parent', event: { type: 'ready' } })
    send({ via: 'parent', message: { type: 'loadCorpus', id: 'm1', paths: [MOBY_DICK], tokenizer: {} } })
    await waitFor((r) => r.event.type === 'response' && r.event.id === 'm1')

    send({ via: 'connectPort' })
    send({ via: 'port', message: { type: 'start', id: 'r1', settings: { schedule: 'word2vec', config: SMALL_CONFIG }, vocabulary: { minCount: 5 }, plotWords: [] } })
    const started = await waitFor((r) => r.event.type === 'response' && r.event.id === 'r1')
    expect(started.via).toBe('port')
    await waitFor((r) => r.event.type === 'finished' && r.via === 'port')
    await waitFor((r) => r.event.type === 'finished' && r.via === 'parent')

    const afterConnect = received.slice(received.indexOf(started))
    const highRate = afterConnect.filter((r) => ['progress', 'snapshot', 'taskProgress'].includes(r.event.type))
    expect(highRate.filter((r) => r.event.type === 'progress').length).toBeGreaterThan(2)
    expect(highRate.every((r) => r.via === 'port')).toBe(true)
    for (const type of ['state', 'checkpointSaved', 'finished']) {
      expect(afterConnect.filter((r) => r.event.type === type && r.via === 'parent').length, type).toBe(afterConnect.filter((r) => r.event.type === type && r.via === 'port').length)
    }

    // When the window's port closes, everything goes to the parent again.
    send({ via: 'closePort' })
    const before = received.length
    send({ via: 'parent', message: { type: 'start', id: 'm2', settings: { schedule: 'word2vec', config: SMALL_CONFIG }, vocabulary: { minCount: 5 }, plotWords: [] } })
    await waitFor((r) => r.event.type === 'finished' && received.indexOf(r) >= before)
    const later = received.slice(before)
    expect(later.some((r) => r.event.type === 'progress')).toBe(true)
    expect(later.every((r) => r.via === 'parent')).toBe(true)
  })
})
