import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { parseCsv } from '../../src-main/core/contract/csv'
import { saveFigure } from '../../src-renderer/src/composables/figureSaving'
import { useFiguresStore } from '../../src-renderer/src/stores/figures'
import { usePlotStore } from '../../src-renderer/src/stores/plot'
import { type FakeW2v, installFakeW2v, startFakeSession } from './fakeW2v'

const words = ['king', 'a,b', 'say "hi"']
const coordinates = [0.1 + 0.2, -1 / 3, Math.PI, -Math.E, 1e-17, -0.5]

describe('saving figures from the window', () => {
  let fake: FakeW2v
  let disconnect: () => void
  beforeEach(async () => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
    disconnect = await startFakeSession()
  })
  afterEach(() => {
    disconnect()
    vi.unstubAllGlobals()
  })

  const saves = () => fake.calls.filter((c) => c.channel === 'saveFigure').map((c) => c.args as { figure: string; format: string; content: string })
  const showPlot = () => {
    usePlotStore().picture = { words, coordinates, subtitle: 'PCA', space: 'pca/center' }
  }

  it('File › Save Word Vectors Plot › CSV sends word,x,y of the plotted points, exactly, and says where it went', async () => {
    showPlot()
    fake.handle('saveFigure', () => ({ ok: true, value: { path: '/figures/word_vectors.csv' } }))
    fake.emitApp({ type: 'menuCommand', command: 'saveScatterCsv' })
    await vi.waitFor(() => expect(useFiguresStore().outcomes.scatter).toEqual({ kind: 'saved', message: 'Saved the word vectors plot to /figures/word_vectors.csv.' }))
    const [save] = saves()
    expect(save).toMatchObject({ figure: 'scatter', format: 'csv' })
    const [header, ...rows] = parseCsv(save!.content)
    expect(header).toEqual(['word', 'x', 'y'])
    expect(rows.map((r) => r[0])).toEqual(words)
    expect(rows.flatMap((r) => [Number(r[1]), Number(r[2])])).toEqual(coordinates)
    expect(useFiguresStore().saving).toBeNull()
  })

  it('shows main’s sentence when the file could not be written, and the plot stays to try again', async () => {
    showPlot()
    const message = 'The disk is full: could not save the word vectors plot “/full/word_vectors.csv”. Free some space and try again.'
    fake.handle('saveFigure', () => ({ ok: false, error: { kind: 'io', message } }))
    // The panel's CSV button (the menu's command was just used, and a repeat within 300 ms is taken for a double delivery).
    await saveFigure('scatter', 'csv')
    expect(useFiguresStore().outcomes.scatter).toEqual({ kind: 'failed', message })
    expect(usePlotStore().picture.words).toEqual(words)
    expect(useFiguresStore().saving).toBeNull()
  })

  it('says there is nothing to save yet, without asking main, when nothing is plotted or no run is shown', async () => {
    fake.emitApp({ type: 'menuCommand', command: 'saveScatterPng' })
    fake.emitApp({ type: 'menuCommand', command: 'saveLossCsv' })
    await vi.waitFor(() => expect(useFiguresStore().outcomes.loss?.kind).toBe('failed'))
    expect(useFiguresStore().outcomes.scatter).toEqual({ kind: 'failed', message: 'There is no word vectors plot to save yet: train, or open vectors, first.' })
    expect(useFiguresStore().outcomes.loss?.message).toMatch(/^There is no loss curve to save yet/)
    expect(saves()).toEqual([])
  })

  it('says so when the chart to draw an image from is not on screen', async () => {
    showPlot()
    fake.emitApp({ type: 'menuCommand', command: 'saveScatterSvg' })
    await vi.waitFor(() => expect(useFiguresStore().outcomes.scatter?.message).toMatch(/^The word vectors plot is not on screen/))
    expect(saves()).toEqual([])
  })

  it('leaves no message when the user cancels the save dialog', async () => {
    showPlot()
    fake.handle('saveFigure', () => ({ ok: true, value: { path: null } }))
    await saveFigure('scatter', 'csv')
    expect(saves()).toHaveLength(1)
    expect(useFiguresStore().saving).toBeNull()
    expect(useFiguresStore().outcomes.scatter).toBeUndefined()
  })
})
