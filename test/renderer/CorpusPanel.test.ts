// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { TrainerRequest } from '../../src-main/core/contract/trainerProtocol'
import CorpusPanel from '../../src-renderer/src/components/CorpusPanel.vue'
import { useCorpusStore } from '../../src-renderer/src/stores/corpus'
import { type FakeW2v, corpusResult, installFakeW2v, ok } from './fakeW2v'

const LATIN1 = '“latin1.txt” is probably Latin-1 or Windows-1252, not UTF-8: in 120 places a byte that is not UTF-8 (an accented letter or a curly quote, most likely) was replaced by “�”. Save the file as UTF-8 and load it again.'
const SEGMENTATION = 'Most of “zh.txt” is written without spaces between words (Chinese, Japanese, Thai…), so breaking words at spaces made phrases of 11.0 characters on average into “words”. Dictionary word breaks would find the words.'

type LoadRequest = Extract<TrainerRequest, { type: 'loadCorpus' }>

describe('CorpusPanel', () => {
  let fake: FakeW2v
  beforeEach(() => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
  })

  it('shows what the trainer noticed about the file with the corpus, and nothing when there is nothing', async () => {
    fake.handleTrainer('loadCorpus', (r) => {
      const { paths } = r as LoadRequest
      return ok(corpusResult(paths, paths[0] === '/in/latin1.txt' ? { notices: [{ kind: 'notUtf8', message: LATIN1 }] } : {}))
    })
    const panel = mount(CorpusPanel)
    await useCorpusStore().load(['/in/latin1.txt'])
    await panel.vm.$nextTick()
    const notices = panel.get('[data-testid="corpus-notices"]')
    expect(notices.attributes('role')).toBe('status')
    expect(notices.text()).toBe(LATIN1)
    expect(panel.find('[data-testid="corpus-use-word-breaks"]').exists()).toBe(false)

    await useCorpusStore().load(['/in/clean.txt'])
    await panel.vm.$nextTick()
    expect(panel.find('[data-testid="corpus-notices"]').exists()).toBe(false)
    panel.unmount()
  })

  it('offers dictionary word breaks for unsegmented text: one click reloads the corpus with them', async () => {
    fake.handleTrainer('loadCorpus', (r) => {
      const { paths, tokenizer } = r as LoadRequest
      return ok(corpusResult(paths, tokenizer.segmentation === 'spaces' ? { notices: [{ kind: 'segmentation', message: SEGMENTATION }] } : {}))
    })
    const panel = mount(CorpusPanel)
    await useCorpusStore().load(['/in/zh.txt'])
    await panel.vm.$nextTick()
    expect(panel.get('[data-testid="corpus-notices"]').text()).toContain(SEGMENTATION)
    await panel.get('[data-testid="corpus-use-word-breaks"]').trigger('click')
    await vi.waitFor(() => expect(fake.requestsOf('loadCorpus')).toHaveLength(2))
    expect(fake.requestsOf('loadCorpus')[1]).toMatchObject({ paths: ['/in/zh.txt'], tokenizer: { segmentation: 'words' } })
    await vi.waitFor(() => expect(panel.find('[data-testid="corpus-notices"]').exists()).toBe(false))
    expect(useCorpusStore().current?.tokenizer.segmentation).toBe('words')
    panel.unmount()
  })

  it('shows the prepared token file’s size when the trainer keeps one', async () => {
    fake.handleTrainer('loadCorpus', (r) => ok(corpusResult((r as LoadRequest).paths, (r as LoadRequest).paths[0] === '/in/big.txt' ? { preparedBytes: 948_000 } : {})))
    const panel = mount(CorpusPanel)
    await useCorpusStore().load(['/in/big.txt'])
    await panel.vm.$nextTick()
    expect(panel.get('[data-testid="corpus-prepared"]').text()).toBe('926 KB')
    await useCorpusStore().load(['/in/small.txt'])
    await panel.vm.$nextTick()
    expect(panel.find('[data-testid="corpus-prepared"]').exists()).toBe(false)
    panel.unmount()
  })

  it('shows the encoding a file that is not UTF-8 was read in, with the detector’s confidence; another choice reloads it in that encoding', async () => {
    fake.handleTrainer('loadCorpus', (r) => {
      const { paths, tokenizer } = r as LoadRequest
      const detected = paths[0] === '/in/ja.txt' ? { encoding: 'shift_jis', confidence: 0.87 } : null
      const encoding = tokenizer.encoding ?? detected?.encoding ?? 'utf-8'
      const file = { encoding, byteOrderMark: false, chosen: tokenizer.encoding !== undefined, replacedSequences: encoding === 'euc-jp' ? 1920 : 0, detected }
      return ok(corpusResult(paths, { files: [file], notices: detected && !file.chosen ? [{ kind: 'detectedEncoding', message: '“ja.txt” is not UTF-8: …' }] : [] }))
    })
    const panel = mount(CorpusPanel)
    const store = useCorpusStore()
    await store.load(['/in/ja.txt'])
    await panel.vm.$nextTick()
    const select = panel.get<HTMLSelectElement>('[data-testid="corpus-encoding-select"]')
    expect(select.element.value).toBe('shift_jis')
    expect(panel.get('[data-testid="corpus-encoding-detected"]').text()).toBe('detected: Shift_JIS, confidence 87%')
    // The row says what the detector found: its notice is not repeated.
    expect(panel.find('[data-testid="corpus-notices"]').exists()).toBe(false)

    await select.setValue('euc-jp')
    await vi.waitFor(() => expect(fake.requestsOf('loadCorpus')).toHaveLength(2))
    expect(fake.requestsOf('loadCorpus')[1]).toMatchObject({ paths: ['/in/ja.txt'], tokenizer: { encoding: 'euc-jp' } })
    await vi.waitFor(() => expect(panel.get('[data-testid="corpus-encoding-detected"]').text()).toBe('chosen; the bytes look like Shift_JIS, confidence 87% · 1,920 unreadable sequences'))

    // Other tokenizer options keep the chosen encoding; a new file starts without one.
    store.tokenizer.lowercase = false
    await store.reload()
    expect(fake.requestsOf('loadCorpus')[2]).toMatchObject({ tokenizer: { encoding: 'euc-jp', lowercase: false } })
    await store.load(['/in/plain.txt'])
    expect(fake.requestsOf('loadCorpus')[3]!.tokenizer.encoding).toBeUndefined()
    await panel.vm.$nextTick()
    expect(panel.find('[data-testid="corpus-encoding"]').exists()).toBe(false)
    panel.unmount()
  })
})
