// @vitest-environment happy-dom
/**
 * The course in the window: the preset reads the corpus as the course does (its layout found
 * from the file), a dropped datasetSentences.txt is read the course's way under the preset and
 * offered the preset under another, and a course run plots run.py's 24 words.
 */
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { TrainerRequest } from '../../src-main/core/contract/trainerProtocol'
import { CS224N_PLOT_WORDS } from '../../src-main/core/contract/wordList'
import CorpusPanel from '../../src-renderer/src/components/CorpusPanel.vue'
import { choosePreset, loadCorpus } from '../../src-renderer/src/composables/session'
import { useCorpusStore } from '../../src-renderer/src/stores/corpus'
import { useHyperparametersStore } from '../../src-renderer/src/stores/hyperparameters'
import { usePlotStore } from '../../src-renderer/src/stores/plot'
import { type FakeW2v, corpusResult, installFakeW2v, ok } from './fakeW2v'

type LoadRequest = Extract<TrainerRequest, { type: 'loadCorpus' }>
const LAYOUT = '“datasetSentences.txt” looks like the CS224n assignment’s datasetSentences.txt …'

/** The trainer's answer: a datasetSentences.txt read as plain text carries the layout notice. */
function answerLoads(fake: FakeW2v): void {
  fake.handleTrainer('loadCorpus', (r) => {
    const { paths, tokenizer } = r as LoadRequest
    const course = paths[0]!.endsWith('datasetSentences.txt') && tokenizer.format !== 'cs224n'
    return ok(corpusResult(paths, course ? { notices: [{ kind: 'cs224nLayout', message: LAYOUT }] } : {}))
  })
}

describe('the course preset in the window', () => {
  let fake: FakeW2v
  beforeEach(() => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
    answerLoads(fake)
  })

  it('reads a dropped datasetSentences.txt as the course does under the preset', async () => {
    await choosePreset('cs224n')
    expect(useCorpusStore().tokenizer).toMatchObject({ segmentation: 'whitespace', lowercase: true, format: 'plain' })
    expect(await loadCorpus(['/in/datasetSentences.txt'])).toBe(true)
    const loads = fake.requestsOf('loadCorpus') as LoadRequest[]
    expect(loads.map((l) => l.tokenizer.format)).toEqual(['plain', 'cs224n'])
    expect(loads[1]!.tokenizer).toMatchObject({ segmentation: 'whitespace', lowercase: true })
    expect(useCorpusStore().current?.notices).toEqual([])

    // A plain file after it is read as plain text, still split at whitespace.
    await loadCorpus(['/in/notes.txt'])
    expect((fake.requestsOf('loadCorpus').at(-1) as LoadRequest).tokenizer).toMatchObject({ format: 'plain', segmentation: 'whitespace' })
  })

  it('offers the preset for a datasetSentences.txt dropped under another preset: one click reads it the course’s way', async () => {
    const panel = mount(CorpusPanel)
    await loadCorpus(['/in/datasetSentences.txt'])
    await panel.vm.$nextTick()
    expect(fake.requestsOf('loadCorpus')).toHaveLength(1)
    await panel.get('[data-testid="corpus-use-course-preset"]').trigger('click')
    await vi.waitFor(() => expect(fake.requestsOf('loadCorpus')).toHaveLength(2))
    expect((fake.requestsOf('loadCorpus')[1] as LoadRequest).tokenizer).toMatchObject({ format: 'cs224n', segmentation: 'whitespace' })
    expect(useHyperparametersStore().preset).toBe('cs224n')
    await vi.waitFor(() => expect(panel.find('[data-testid="corpus-use-course-preset"]').exists()).toBe(false))
    panel.unmount()
  })

  it('reads the corpus the default way again when another preset is chosen, keeping its layout', async () => {
    await loadCorpus(['/in/datasetSentences.txt'])
    await choosePreset('cs224n')
    await choosePreset('word2vec')
    const last = fake.requestsOf('loadCorpus').at(-1) as LoadRequest
    expect(last.tokenizer).toMatchObject({ segmentation: 'spaces', format: 'cs224n' })
    // Between other presets the user's tokenizer stays.
    const count = fake.requestsOf('loadCorpus').length
    await choosePreset('quick')
    expect(fake.requestsOf('loadCorpus')).toHaveLength(count)
  })

  it('plots run.py’s 24 words in a course run, naming those the vocabulary lacks', async () => {
    await choosePreset('cs224n')
    const plot = usePlotStore()
    expect(plot.wordsForStart()).toEqual([...CS224N_PLOT_WORDS])
    plot.applySnapshot({ type: 'snapshot', runId: 'r1', words: CS224N_PLOT_WORDS.filter((w) => w !== 'hail' && w !== 'tea'), coordinates: new Array(44).fill(0), explainedVariance: null })
    expect(plot.missing).toEqual(['hail', 'tea'])
    await choosePreset('word2vec')
    expect(plot.wordsForStart()).toEqual([])
  })
})
