import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProgressBatch } from '../../src-main/core/contract/trainerProtocol'
import { MOBY_DICK, SMALL_CONFIG, type TrainerProcess, is, startTrainer } from './forkTrainer'

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

describe('progress backpressure of the built trainer', () => {
  let trainer: TrainerProcess

  beforeAll(async () => {
    trainer = await startTrainer({ autoAck: false })
    await trainer.call({ type: 'loadCorpus', paths: [MOBY_DICK], tokenizer: {} })
  })

  afterAll(async () => {
    await trainer?.stop()
  })

  it('sends at most 4 unacknowledged batches while training goes on, then the coalesced points after an ack', async () => {
    const run = await trainer.call({ type: 'start', settings: { schedule: 'word2vec', config: { ...SMALL_CONFIG, epochs: 500 } }, vocabulary: { minCount: 5 }, plotWords: [] })
    const batches = (): ProgressBatch[] => trainer.events.filter(is('progress')).filter((b) => b.runId === run.runId)
    await sleep(1200)
    const snapshotsBefore = trainer.events.filter(is('snapshot')).length
    await sleep(800)
    expect(batches()).toHaveLength(4)
    // Snapshots wait too while the receiver is behind.
    expect(trainer.events.filter(is('snapshot')).length).toBe(snapshotsBefore)
    const lastSent = batches().at(-1)!
    const lastX = lastSent.x.at(-1)!

    trainer.send({ type: 'ack', seq: lastSent.seq })
    const coalesced = await trainer.next((e): e is ProgressBatch => e.type === 'progress' && e.seq === lastSent.seq + 1)
    // About 2 s of points at one per ~50 ms, none lost: they start right after the last one sent.
    expect(coalesced.x.length).toBeGreaterThan(10)
    expect(coalesced.x[0]).toBeGreaterThan(lastX)
    expect(coalesced.x[0]! - lastX).toBeLessThan(coalesced.x.at(-1)! - coalesced.x[0]!)
    expect(trainer.events.filter(is('state')).at(-1)!.state).toBe('training')

    trainer.autoAck = true
    trainer.send({ type: 'ack', seq: coalesced.seq })
    await trainer.next((e) => e.type === 'progress' && e.seq > coalesced.seq)
    expect(await trainer.call({ type: 'stop' })).toEqual({ state: 'stopped' })
  })
})
