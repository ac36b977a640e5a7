// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { evaluateAnalogies, parseAnalogyFile } from '../../src-main/core/evaluation/analogyBenchmark'
import { buildVectorIndex } from '../../src-main/core/evaluation/vectorIndex'
import { evaluateWordPairs, parseWordPairFile } from '../../src-main/core/evaluation/wordPairBenchmark'
import ExploreEvaluation from '../../src-renderer/src/components/ExploreEvaluation.vue'
import { useExploreStore } from '../../src-renderer/src/stores/explore'

// Four known words; the benchmarks below name others too.
const index = buildVectorIndex({
  words: ['king', 'queen', 'man', 'woman'],
  dim: 2,
  vectors: Float32Array.from([1, 0.2, 0.9, 0.3, 0.4, -1, 0.3, -0.9]),
  counts: null,
})

beforeEach(() => setActivePinia(createPinia()))

describe('ExploreEvaluation', () => {
  it('shows the share of word pairs out of vocabulary as counted by hand, not a hundred times it', () => {
    // 8 pairs, 3 of them naming a word the vectors lack: 3 / 8 = 37.5 %.
    const file = [
      'king\tqueen\t9', 'man\twoman\t8', 'king\tman\t5', 'queen\twoman\t6', 'king\twoman\t3',
      'king\twhale\t1', 'ship\tsea\t7', 'queen\tcastle\t4',
    ].join('\n')
    const result = evaluateWordPairs(index, parseWordPairFile(file))
    useExploreStore().wordPairScore = { kind: 'wordPairs', ...result, file: 'pairs.tsv' }
    const view = mount(ExploreEvaluation)
    expect(view.get('[data-testid="evaluate-oov"]').text()).toBe('37.5% out of vocabulary')
    expect(view.text()).toContain('5 pairs scored')
    expect(view.text()).toContain('3 skipped')
  })

  it('shows “—”, not 0.0%, for a section with no question answered, and the others’ accuracy as counted', () => {
    const file = [
      ': royalty', 'king queen man woman', 'queen king woman man', 'man woman king queen',
      ': fruit', 'apple pear plum fig',
    ].join('\n')
    const result = evaluateAnalogies(index, parseAnalogyFile(file))
    useExploreStore().analogyScore = { kind: 'analogy', ...result, sections: [...result.sections], file: 'questions.txt' }
    const view = mount(ExploreEvaluation)
    const rows = view.findAll('[data-testid="evaluate-section"]').map((row) => row.findAll('td').map((td) => td.text()))
    const royalty = rows.find(([section]) => section === 'royalty')!
    expect(royalty[1]).toBe(`${result.sections[0]!.correct} / 3`)
    expect(royalty[2]).toBe(`${((100 * result.sections[0]!.correct) / 3).toFixed(1)}%`)
    expect(rows.find(([section]) => section === 'fruit')).toEqual(['fruit', '0 / 0', '—'])
  })

  it('shows “—” as the overall accuracy when no question could be answered', () => {
    const result = evaluateAnalogies(index, parseAnalogyFile(': fruit\napple pear plum fig'))
    useExploreStore().analogyScore = { kind: 'analogy', ...result, sections: [...result.sections], file: 'questions.txt' }
    const view = mount(ExploreEvaluation)
    expect(view.get('[data-testid="evaluate-accuracy"]').text()).toBe('—')
    expect(view.findAll('[data-testid="evaluate-section"]').map((row) => row.findAll('td').at(-1)!.text())).toEqual(['—', '—'])
  })
})
