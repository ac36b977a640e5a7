import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { MAX_ODD_ONE_OUT_WORDS } from '../../src-main/core/contract/trainerProtocol'
import { useExploreStore } from '../../src-renderer/src/stores/explore'
import { type FakeW2v, installFakeW2v, ok, refused } from './fakeW2v'

describe('explore store: analogy method, vector arithmetic, odd one out', () => {
  let fake: FakeW2v
  beforeEach(() => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
  })
  afterEach(() => vi.unstubAllGlobals())

  it('sends the analogy with the chosen method', async () => {
    fake.handleTrainer('analogy', () => ok({ neighbours: [{ word: 'queen', score: 0.9 }] }))
    const explore = useExploreStore()
    explore.analogyWords = { a: 'Man', b: 'king', c: 'woman' }
    explore.analogyMethod = '3CosMul'
    await explore.solveAnalogy()
    expect(fake.requestsOf('analogy')).toEqual([expect.objectContaining({ a: 'man', b: 'king', c: 'woman', method: '3CosMul' })])
    expect(explore.analogyResults).toEqual([{ word: 'queen', score: 0.9 }])
  })

  it('sends the expression as typed, lower-cased when the vocabulary is, and shows the trainer\'s sentence on a mistake', async () => {
    const answer = { expression: 'king − man + 0.5 × woman', terms: [], neighbours: [{ word: 'queen', score: 0.8 }] }
    fake.handleTrainer('expression', () => ok(answer))
    const explore = useExploreStore()
    explore.expressionText = 'King - MAN + 0.5*woman'
    explore.expressionMethod = '3CosAdd'
    await explore.computeExpression()
    expect(fake.requestsOf('expression')).toEqual([expect.objectContaining({ text: 'king - man + 0.5*woman', method: '3CosAdd', k: 10 })])
    expect(explore.expressionAnswer).toEqual(answer)

    explore.keepsCase = true
    fake.handleTrainer('expression', () => refused('expression', '“King” and “Man” need a + or − between them, with a space on each side.'))
    explore.expressionText = 'King Man'
    await explore.computeExpression()
    expect(fake.requestsOf('expression').at(-1)!.text).toBe('King Man')
    expect(explore.expressionAnswer).toBeNull()
    expect(explore.expressionError).toBe('“King” and “Man” need a + or − between them, with a space on each side.')
  })

  it('splits the odd-one-out words as a word list, and refuses none or too many before asking', async () => {
    const answer = { word: 'cereal', ranking: [{ word: 'lunch', score: 0.9 }, { word: 'cereal', score: 0.2 }], unknown: ['brunchy'] }
    fake.handleTrainer('oddOneOut', () => ok(answer))
    const explore = useExploreStore()
    explore.oddWords = 'Lunch, cereal  brunchy'
    await explore.findOddOneOut()
    expect(fake.requestsOf('oddOneOut')).toEqual([expect.objectContaining({ words: ['lunch', 'cereal', 'brunchy'] })])
    expect(explore.oddAnswer).toEqual(answer)

    explore.oddWords = ' , '
    await explore.findOddOneOut()
    expect(explore.oddError).toBe('Type two or more words, separated by spaces or commas.')
    explore.oddWords = Array.from({ length: MAX_ODD_ONE_OUT_WORDS + 1 }, (_, i) => `w${i}`).join(' ')
    await explore.findOddOneOut()
    expect(explore.oddError).toBe(`That is ${MAX_ODD_ONE_OUT_WORDS + 1} words; compare at most ${MAX_ODD_ONE_OUT_WORDS} at a time.`)
    expect(fake.requestsOf('oddOneOut')).toHaveLength(1)
  })
})
