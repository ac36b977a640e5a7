import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ProgressBatch } from '../../src-main/core/contract/trainerProtocol'
import type { RunProgress } from '../../src-main/node/session/trainingRun'
import { ProgressStream } from '../../src-main/trainer/progressStream'

const point = (x: number, loss: number, over: Partial<RunProgress> = {}): RunProgress => ({
  x, loss, smoothedLoss: null, alpha: 0.025, t: x / 1000, fraction: x / 10_000, epoch: 1 + Math.floor(x / 1000), wordsPerSec: 1000, xPerSecond: 1000, etaSeconds: 1, ...over,
})

describe('ProgressStream', () => {
  let sent: ProgressBatch[]
  let stream: ProgressStream

  beforeEach(() => {
    vi.useFakeTimers()
    sent = []
    stream = new ProgressStream({ send: (b) => sent.push(b), everyMs: 50, maxUnacked: 4, maxPoints: 100 })
    stream.begin({ runId: 'r', schedule: 'word2vec', boundaryEvery: 1000, total: 10_000, done: 0 })
  })

  afterEach(() => {
    stream.dispose()
    vi.useRealTimers()
  })

  it('batches the points of each 50 ms, numbered, with the latest figures and the epoch boundaries crossed', () => {
    stream.add(point(400, 3))
    stream.add(point(900, 2.5))
    stream.add(point(1300, 2))
    expect(sent).toHaveLength(0)
    vi.advanceTimersByTime(50)
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ seq: 1, runId: 'r', x: [400, 900, 1300], loss: [3, 2.5, 2], fraction: 0.13, epoch: 2, boundaries: [1000] })
    // The smoothed loss is a moving average from the first point.
    expect(sent[0]!.smoothedLoss[0]).toBe(3)
    expect(sent[0]!.smoothedLoss[1]).toBeCloseTo(0.9 * 3 + 0.1 * 2.5)
    vi.advanceTimersByTime(500)
    expect(sent).toHaveLength(1)
    stream.add(point(3500, 1.5))
    vi.advanceTimersByTime(50)
    expect(sent[1]).toMatchObject({ seq: 2, x: [3500], boundaries: [2000, 3000] })
  })

  it('stops at 4 unacknowledged batches, coalesces, and sends everything once acked', () => {
    let x = 0
    for (let i = 0; i < 10; i++) {
      stream.add(point((x += 10), 2))
      vi.advanceTimersByTime(50)
    }
    expect(sent.map((b) => b.seq)).toEqual([1, 2, 3, 4])
    expect(stream.congested).toBe(true)
    stream.ack(2)
    expect(sent).toHaveLength(5)
    expect(sent[4]!.x).toEqual([50, 60, 70, 80, 90, 100])
    stream.ack(99)
    expect(stream.congested).toBe(false)
  })

  it('sends the last batch of an ending run even to a receiver that is behind', () => {
    let x = 0
    for (let i = 0; i < 6; i++) {
      stream.add(point((x += 10), 2))
      vi.advanceTimersByTime(50)
    }
    expect(stream.congested).toBe(true)
    stream.flush()
    expect(sent).toHaveLength(4)
    stream.flush(true)
    expect(sent).toHaveLength(5)
    expect(sent[4]!.x).toEqual([50, 60])
  })

  it('halves the pending batch past maxPoints: bounded, the mean loss and the last point kept', () => {
    for (let i = 0; i < 4; i++) {
      stream.add(point(i + 1, 9))
      vi.advanceTimersByTime(50)
    }
    const losses: number[] = []
    for (let i = 0; i < 1000; i++) {
      const loss = 1 + (i % 7)
      losses.push(loss)
      stream.add(point(100 + i, loss))
    }
    vi.advanceTimersByTime(500)
    expect(sent).toHaveLength(4)
    stream.ack(4)
    const batch = sent[4]!
    expect(batch.x.length).toBeLessThanOrEqual(100)
    expect(batch.x.at(-1)).toBe(1099)
    const weighted = batch.loss.reduce((a, b) => a + b, 0) / batch.loss.length
    expect(weighted).toBeCloseTo(losses.reduce((a, b) => a + b, 0) / losses.length, 1)
  })

  it('drops what a previous run left pending, and gives a new receiver a fresh window', () => {
    for (let i = 0; i < 5; i++) {
      stream.add(point(i + 1, 2))
      vi.advanceTimersByTime(50)
    }
    expect(sent).toHaveLength(4)
    stream.begin({ runId: 'next', schedule: 'cs224n', boundaryEvery: 100, total: 1000, done: 250 })
    stream.resetReceiver()
    stream.add(point(320, 4, { smoothedLoss: 3.5, epoch: null }))
    vi.advanceTimersByTime(50)
    expect(sent).toHaveLength(5)
    // The course schedule keeps its own smoothed loss; boundaries count from the resumed position.
    expect(sent[4]).toMatchObject({ seq: 5, runId: 'next', schedule: 'cs224n', x: [320], smoothedLoss: [3.5], boundaries: [300] })
  })
})
