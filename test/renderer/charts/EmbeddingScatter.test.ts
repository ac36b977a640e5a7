// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import EmbeddingScatter from '../../../src-renderer/src/charts/EmbeddingScatter.vue'
import type { EmbeddingScatterProps } from '../../../src-renderer/src/charts/chartTypes'
import { MAX_TWEENED_POINTS, TWEEN_MS } from '../../../src-renderer/src/charts/scatterTween'
import { fakeMatchMedia, lastChart, nextFrame, REDUCED_MOTION_QUERY } from './recordingECharts'
import { COURSE_WORDS, drawnLabels } from './sceneLabels'

vi.mock('echarts/core', async (importOriginal) => (await import('./recordingECharts')).recordingCore(await importOriginal()))

type Point = { name: string; value: [number, number]; itemStyle: { opacity: number } }
type Formatter = (params: { name: string }, ticket: string, callback: (ticket: string, html: string) => void) => string

afterEach(() => vi.unstubAllGlobals())

const words = ['king', 'queen', 'man', 'woman']
const coordinates = [1, 1, 2, 2, -1, 0, -2, 1]

/** The points as drawn by each setOption call so far. */
function framesDrawn(): Point[][] {
  return lastChart().setOptions.flatMap(({ option }) => {
    const series = option.series as { data?: Point[] }[] | undefined
    return series?.[0]?.data ? [series[0].data] : []
  })
}

function tooltipFormatter(): Formatter {
  const full = lastChart().setOptions.find(({ option }) => option.tooltip)!
  return (full.option.tooltip as unknown as { formatter: Formatter }).formatter
}

async function settle(): Promise<void> {
  await nextTick()
  await new Promise((resolve) => setTimeout(resolve, TWEEN_MS + 50))
  await nextFrame()
  await nextFrame()
}

async function mountScatter(props: EmbeddingScatterProps) {
  const wrapper = mount(EmbeddingScatter, { props, attachTo: document.body })
  await settle()
  return wrapper
}

describe('EmbeddingScatter', () => {
  it('labels every word at its coordinates, with the subtitle below', async () => {
    const wrapper = await mountScatter({ words, coordinates, subtitle: 'PCA · 41% of the variance' })
    const last = framesDrawn().at(-1)!
    expect(last.map((p) => p.name)).toEqual(words)
    expect(last.map((p) => p.value)).toEqual([[1, 1], [2, 2], [-1, 0], [-2, 1]])
    expect(last.every((p) => p.itemStyle.opacity === 1)).toBe(true)
    const svg = lastChart().chart.renderToSVGString()
    for (const word of words) expect(svg).toContain(`>${word}<`)
    expect(wrapper.find('figcaption').text()).toBe('PCA · 41% of the variance')
    expect(wrapper.find('[role="img"]').attributes('aria-label')).toBe('Embedding scatter plot of 4 words: king, queen, man, woman')
    wrapper.unmount()
  })

  it('moves points smoothly to the next snapshot, fading new words in and dropping vanished ones', async () => {
    const wrapper = await mountScatter({ words, coordinates, subtitle: '' })
    const before = framesDrawn().length
    await wrapper.setProps({ words: ['king', 'queen', 'whale'], coordinates: [5, 1, 2, 2, 0, 3] })
    await settle()
    const frames = framesDrawn().slice(before)
    expect(frames.length).toBeGreaterThan(2)
    const kingX = frames.map((f) => f.find((p) => p.name === 'king')!.value[0])
    // From 1 to 5 through points in between, never backwards.
    expect(kingX[0]).toBeCloseTo(1)
    expect(kingX.some((x) => x > 1.01 && x < 4.99)).toBe(true)
    for (let i = 1; i < kingX.length; i++) expect(kingX[i]!).toBeGreaterThanOrEqual(kingX[i - 1]!)
    expect(kingX.at(-1)).toBe(5)
    const whale = frames.map((f) => f.find((p) => p.name === 'whale')!)
    expect(whale[0]!.itemStyle.opacity).toBe(0)
    expect(whale[0]!.value).toEqual([0, 3])
    expect(whale.at(-1)!.itemStyle.opacity).toBe(1)
    expect(frames.every((f) => !f.some((p) => p.name === 'man'))).toBe(true)
    wrapper.unmount()
  })

  /** The axes of the last full option drawn. */
  function axesDrawn(): { x: [number, number]; y: [number, number] } {
    const full = lastChart().setOptions.filter(({ option }) => option.xAxis).at(-1)!.option as { xAxis: { min: number; max: number }; yAxis: { min: number; max: number } }
    return { x: [full.xAxis.min, full.xAxis.max], y: [full.yAxis.min, full.yAxis.max] }
  }

  /** The axes hold every point shown and are no more than a fifth wider than their spread. */
  function expectAxesHug(coordinates: readonly number[]): void {
    const axes = axesDrawn()
    for (const [axis, values] of [['x', coordinates.filter((_, i) => i % 2 === 0)], ['y', coordinates.filter((_, i) => i % 2 === 1)]] as const) {
      const [low, high] = axes[axis]
      const min = Math.min(...values)
      const max = Math.max(...values)
      expect(low, `${axis} min`).toBeLessThan(min)
      expect(high, `${axis} max`).toBeGreaterThan(max)
      expect(high - low, `${axis} span`).toBeLessThan(1.2 * (max - min))
    }
  }

  it('fits the axes to a new projection alone and draws it afresh rather than gliding from the old one', async () => {
    // t-SNE spreads the words over tens of units, PCA over a few.
    const tsne = [-40, 30, 50, -20, 10, 45, -35, -25]
    const wrapper = await mountScatter({ words, coordinates: tsne, subtitle: 't-SNE', space: 'tsne/center' })
    expectAxesHug(tsne)
    const before = framesDrawn().length
    await wrapper.setProps({ coordinates, subtitle: 'PCA', space: 'pca/center' })
    await settle()
    expectAxesHug(coordinates)
    const frames = framesDrawn().slice(before)
    // Every frame of the switch has the points at their PCA places, fading in.
    for (const frame of frames) expect(frame.map((p) => p.value)).toEqual([[1, 1], [2, 2], [-1, 0], [-2, 1]])
    expect(frames[0]!.every((p) => p.itemStyle.opacity === 0)).toBe(true)
    expect(frames.at(-1)!.every((p) => p.itemStyle.opacity === 1)).toBe(true)
    wrapper.unmount()
  })

  it('fits the axes to each snapshot of one projection, not to the ones before it', async () => {
    const wrapper = await mountScatter({ words, coordinates, subtitle: '', space: 'pca/center' })
    const shrunk = coordinates.map((c) => c / 10)
    await wrapper.setProps({ coordinates: shrunk })
    await settle()
    expectAxesHug(shrunk)
    wrapper.unmount()
  })

  it('says how many labels are hidden, as many as ECharts hides, and nothing when all show', async () => {
    // The course's words in two tight heaps: not every label fits.
    const heaps = COURSE_WORDS.flatMap((_, i) => [(i % 2) * 10 + (i % 5) * 0.05, (i % 2) * 10 + (i % 3) * 0.05])
    const wrapper = await mountScatter({ words: COURSE_WORDS, coordinates: heaps, subtitle: 'PCA' })
    const shown = drawnLabels(lastChart().chart, COURSE_WORDS)
    expect(shown.length).toBeLessThan(COURSE_WORDS.length)
    const hidden = COURSE_WORDS.length - shown.length
    const note = wrapper.get('[data-testid="scatter-hidden-labels"]')
    expect(note.attributes('data-count')).toBe(String(hidden))
    expect(note.text()).toBe(`${hidden} labels hidden where words crowd: point at a dot, or zoom in, to read them.`)
    expect(wrapper.find('figcaption').text()).toContain('PCA')
    await wrapper.setProps({ words: ['king', 'queen'], coordinates: [0, 0, 10, 10] })
    await settle()
    expect(drawnLabels(lastChart().chart, ['king', 'queen'])).toHaveLength(2)
    expect(wrapper.find('[data-testid="scatter-hidden-labels"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('jumps straight to the snapshot when the system asks for reduced motion', async () => {
    vi.stubGlobal('matchMedia', fakeMatchMedia({ [REDUCED_MOTION_QUERY]: true }).matchMedia)
    const wrapper = await mountScatter({ words, coordinates, subtitle: '' })
    const before = framesDrawn().length
    await wrapper.setProps({ coordinates: [9, 9, 2, 2, -1, 0, -2, 1] })
    await settle()
    const frames = framesDrawn().slice(before)
    expect(frames).toHaveLength(1)
    expect(frames[0]![0]!.value).toEqual([9, 9])
    wrapper.unmount()
  })

  it('draws a move of very many points in one step', async () => {
    const many = Array.from({ length: MAX_TWEENED_POINTS + 1 }, (_, i) => `w${i}`)
    const wrapper = await mountScatter({ words: many, coordinates: many.flatMap((_, i) => [i, -i]), subtitle: '' })
    const before = framesDrawn().length
    await wrapper.setProps({ coordinates: many.flatMap((_, i) => [-i, i]) })
    await settle()
    const frames = framesDrawn().slice(before)
    expect(frames).toHaveLength(1)
    expect(frames[0]![7]!.value).toEqual([-7, 7])
    wrapper.unmount()
  })

  it('shows "…" then the nearest neighbours on hover, asking once per word until the next snapshot', async () => {
    const asked: string[] = []
    const neighboursOf = async (word: string) => {
      asked.push(word)
      return [`${word}-1`, `${word}-2`]
    }
    const wrapper = await mountScatter({ words, coordinates, subtitle: '', neighboursOf })
    const callback = vi.fn()
    expect(tooltipFormatter()({ name: 'king' }, 't1', callback)).toBe('<b>king</b><br/>nearest: …')
    await flushPromises()
    expect(callback).toHaveBeenCalledWith('t1', '<b>king</b><br/>nearest: king-1, king-2')
    expect(tooltipFormatter()({ name: 'king' }, 't2', callback)).toBe('<b>king</b><br/>nearest: king-1, king-2')
    expect(asked).toEqual(['king'])
    await wrapper.setProps({ coordinates: [0, 1, 2, 2, -1, 0, -2, 1] })
    await settle()
    expect(tooltipFormatter()({ name: 'king' }, 't3', callback)).toBe('<b>king</b><br/>nearest: …')
    expect(asked).toEqual(['king', 'king'])
    wrapper.unmount()
  })

  it('zooms and pans both axes, and a double click undoes it', async () => {
    const wrapper = await mountScatter({ words, coordinates, subtitle: '' })
    const { chart } = lastChart()
    chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: 0, start: 10, end: 50 })
    chart.dispatchAction({ type: 'dataZoom', dataZoomIndex: 1, start: 30, end: 60 })
    const zoom = () => (chart.getOption() as { dataZoom: { start: number; end: number; xAxisIndex?: number[]; yAxisIndex?: number[] }[] }).dataZoom
    expect(zoom().map((z) => [z.start, z.end])).toEqual([[10, 50], [30, 60]])
    chart.getZr().trigger('dblclick', { offsetX: 400, offsetY: 250 })
    expect(zoom().map((z) => [z.start, z.end])).toEqual([[0, 100], [0, 100]])
    wrapper.unmount()
  })
})
