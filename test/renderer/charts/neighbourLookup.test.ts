import { describe, expect, it } from 'vitest'
import { createNeighbourLookup } from '../../../src-renderer/src/charts/neighbourLookup'

function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

describe('createNeighbourLookup', () => {
  it('asks once per word, says loading meanwhile and remembers the answer', async () => {
    const asked: string[] = []
    const answer = deferred<readonly string[]>()
    const lookup = createNeighbourLookup((word) => {
      asked.push(word)
      return answer.promise
    })
    const first = lookup.lookup('whale')
    const again = lookup.lookup('whale')
    expect(first.now).toEqual({ status: 'loading' })
    expect(again.settled).toBe(first.settled)
    answer.resolve(['sperm', 'ship'])
    expect(await first.settled).toEqual({ status: 'ready', neighbours: ['sperm', 'ship'] })
    expect(lookup.lookup('whale')).toEqual({ now: { status: 'ready', neighbours: ['sperm', 'ship'] }, settled: null })
    expect(asked).toEqual(['whale'])
  })

  it('reports a failure and asks again next time', async () => {
    let calls = 0
    const lookup = createNeighbourLookup(async () => {
      calls++
      if (calls === 1) throw new Error('The trainer is busy.')
      return ['sea']
    })
    expect(await lookup.lookup('ocean').settled).toEqual({ status: 'failed', message: 'The trainer is busy.' })
    expect(await lookup.lookup('ocean').settled).toEqual({ status: 'ready', neighbours: ['sea'] })
    expect(calls).toBe(2)
  })

  it('does not remember an answer to a question asked before clear()', async () => {
    const stale = deferred<readonly string[]>()
    let calls = 0
    const lookup = createNeighbourLookup((): Promise<readonly string[]> => (++calls === 1 ? stale.promise : Promise.resolve(['new'])))
    const before = lookup.lookup('ahab')
    lookup.clear()
    stale.resolve(['old'])
    await before.settled
    const after = lookup.lookup('ahab')
    expect(after.now.status).toBe('loading')
    expect(await after.settled).toEqual({ status: 'ready', neighbours: ['new'] })
  })
})
