import { describe, expect, it } from 'vitest'
import { createFrameScheduler } from '../../../src-renderer/src/charts/frameScheduler'

function fakeFrames() {
  const callbacks = new Map<number, (time: number) => void>()
  let next = 1
  return {
    request: (cb: (time: number) => void) => {
      callbacks.set(next, cb)
      return next++
    },
    cancel: (handle: number) => void callbacks.delete(handle),
    pending: () => callbacks.size,
    run(time: number) {
      const due = [...callbacks.values()]
      callbacks.clear()
      due.forEach((cb) => cb(time))
    },
  }
}

describe('createFrameScheduler', () => {
  it('draws once per frame however often it is asked', () => {
    const frames = fakeFrames()
    const draws: number[] = []
    const scheduler = createFrameScheduler((t) => draws.push(t), frames.request, frames.cancel)
    for (let i = 0; i < 10; i++) scheduler.schedule()
    expect(frames.pending()).toBe(1)
    frames.run(16)
    expect(draws).toEqual([16])
    scheduler.schedule()
    frames.run(32)
    expect(draws).toEqual([16, 32])
  })

  it('may be asked again from inside a draw (an animation continuing)', () => {
    const frames = fakeFrames()
    let count = 0
    const scheduler = createFrameScheduler(() => {
      if (++count < 3) scheduler.schedule()
    }, frames.request, frames.cancel)
    scheduler.schedule()
    frames.run(1)
    frames.run(2)
    frames.run(3)
    frames.run(4)
    expect(count).toBe(3)
  })

  it('forgets a pending frame when cancelled', () => {
    const frames = fakeFrames()
    let count = 0
    const scheduler = createFrameScheduler(() => count++, frames.request, frames.cancel)
    scheduler.schedule()
    scheduler.cancel()
    frames.run(1)
    expect(count).toBe(0)
    scheduler.schedule()
    frames.run(2)
    expect(count).toBe(1)
  })
})
