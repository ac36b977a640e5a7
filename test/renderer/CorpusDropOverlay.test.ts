// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import CorpusDropOverlay from '../../src-renderer/src/components/CorpusDropOverlay.vue'
import { useCorpusStore } from '../../src-renderer/src/stores/corpus'
import { type FakeW2v, installFakeW2v, ok } from './fakeW2v'

/** A drag event carrying files, as the browser sends it (happy-dom's DragEvent has no DataTransfer to give). */
function fileDrag(type: string, files: File[] = []): Event {
  const event = new Event(type, { bubbles: true, cancelable: true })
  Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'], files, dropEffect: 'none' } })
  return event
}

describe('CorpusDropOverlay', () => {
  let fake: FakeW2v
  beforeEach(() => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
  })

  it('appears while files are dragged over the window and goes when they leave', async () => {
    const overlay = mount(CorpusDropOverlay, { attachTo: document.body })
    expect(overlay.find('[data-testid="drop-overlay"]').exists()).toBe(false)
    window.dispatchEvent(fileDrag('dragenter'))
    // Entering a child element before leaving the previous one must not hide it.
    window.dispatchEvent(fileDrag('dragenter'))
    window.dispatchEvent(fileDrag('dragleave'))
    await overlay.vm.$nextTick()
    expect(overlay.get('[data-testid="drop-overlay"]').text()).toContain('Text files become the corpus')
    window.dispatchEvent(fileDrag('dragleave'))
    await overlay.vm.$nextTick()
    expect(overlay.find('[data-testid="drop-overlay"]').exists()).toBe(false)
    overlay.unmount()
  })

  it('loads dropped text files as one corpus, in order', async () => {
    fake.paths.set('a.txt', '/in/a.txt')
    fake.paths.set('b.txt', '/in/b.txt')
    const overlay = mount(CorpusDropOverlay, { attachTo: document.body })
    window.dispatchEvent(fileDrag('dragenter'))
    const drop = fileDrag('drop', [new File(['x'], 'a.txt'), new File(['y'], 'b.txt')])
    window.dispatchEvent(drop)
    expect(drop.defaultPrevented).toBe(true)
    await vi.waitFor(() => expect(fake.requestsOf('loadCorpus').map((r) => r.paths)).toEqual([['/in/a.txt', '/in/b.txt']]))
    await overlay.vm.$nextTick()
    expect(overlay.find('[data-testid="drop-overlay"]').exists()).toBe(false)
    overlay.unmount()
  })

  it('opens a dropped Spark model folder as vectors, and still reads other folders as a corpus', async () => {
    fake.paths.set('w2v-model', '/in/w2v-model')
    fake.paths.set('texts', '/in/texts')
    fake.handle('sparkModelFolders', ({ paths }) => ({ ok: true, value: { paths: paths.filter((p) => p === '/in/w2v-model') } }))
    fake.handleTrainer('openVectors', () => ok({ path: '/in/w2v-model', words: 600, dim: 16, hasOutsideVectors: false, topWords: ['w0'] }))
    const overlay = mount(CorpusDropOverlay, { attachTo: document.body })
    window.dispatchEvent(fileDrag('drop', [new File([], 'w2v-model')]))
    await vi.waitFor(() => expect(fake.requestsOf('openVectors').map((r) => r.path)).toEqual(['/in/w2v-model']))
    expect(fake.requestsOf('loadCorpus')).toHaveLength(0)

    window.dispatchEvent(fileDrag('drop', [new File([], 'texts')]))
    await vi.waitFor(() => expect(fake.requestsOf('loadCorpus').map((r) => r.paths)).toEqual([['/in/texts']]))
    expect(fake.requestsOf('openVectors')).toHaveLength(1)

    // A Spark model among other files is refused as a vectors file among others is, and nothing is read.
    window.dispatchEvent(fileDrag('drop', [new File([], 'w2v-model'), new File([], 'texts')]))
    await vi.waitFor(() => expect(useCorpusStore().error).toBe('Drop one vectors file at a time, or only text files to load them together as a corpus.'))
    expect(fake.requestsOf('loadCorpus')).toHaveLength(1)
    expect(fake.requestsOf('openVectors')).toHaveLength(1)
    overlay.unmount()
  })

  it('leaves a drop on a drop zone (a benchmark card) to that zone', async () => {
    fake.paths.set('wordsim353.tsv', '/in/wordsim353.tsv')
    const overlay = mount(CorpusDropOverlay, { attachTo: document.body })
    const zone = document.createElement('div')
    zone.dataset.dropZone = ''
    document.body.append(zone)
    zone.dispatchEvent(fileDrag('drop', [new File(['x'], 'wordsim353.tsv')]))
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(fake.trainerRequests).toHaveLength(0)
    zone.remove()
    overlay.unmount()
  })
})
