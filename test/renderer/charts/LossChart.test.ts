// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTick, reactive } from 'vue'
import LossChart from '../../../src-renderer/src/charts/LossChart.vue'
import { DARK_PALETTE, LIGHT_PALETTE } from '../../../src-renderer/src/charts/chartPalette'
import type { LossChartProps, LossRun } from '../../../src-renderer/src/charts/chartTypes'
import { lossRun } from './chartFixtures'
import { DARK_QUERY, fakeMatchMedia, lastChart, nextFrame } from './recordingECharts'

vi.mock('echarts/core', async (importOriginal) => (await import('./recordingECharts')).recordingCore(await importOriginal()))

type Series = { id: string; type: string; data: [number, number][]; color?: string; yAxisIndex?: number; markLine?: { data: { xAxis: number }[] } }
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] }

afterEach(() => vi.unstubAllGlobals())

/** What ECharts holds after the component's updates (not just the last call). */
function model() {
  const option = lastChart().chart.getOption() as { series: Series[]; yAxis: { type: string; name: string }[]; legend: { data: string[] }[]; xAxis: { name: string }[] }
  return option
}

async function mountChart(props: LossChartProps) {
  const wrapper = mount(LossChart, { props, attachTo: document.body })
  await nextTick()
  await nextFrame()
  return wrapper
}

describe('LossChart', () => {
  it('draws each visible run raw and smoothed, the learning rate on a second axis and epoch markers', async () => {
    const runs = [lossRun('3', 200, { boundaries: [50_000, 100_000, 150_000] }), lossRun('2', 150, { visible: false }), lossRun('1', 100)]
    const wrapper = await mountChart({ runs, smoothing: 0.6, logScale: false, xAxis: 'progress', showLearningRate: true })
    const option = model()
    expect(option.series.map((s) => s.id)).toEqual(['3:raw', '3:smoothed', '1:raw', '1:smoothed', 'learningRate'])
    expect(option.yAxis.map((a) => a.name)).toEqual(['loss', 'learning rate'])
    expect(option.series[4]!.yAxisIndex).toBe(1)
    expect(option.series[1]!.markLine!.data.map((d) => d.xAxis)).toEqual([50_000, 100_000, 150_000])
    expect(option.legend[0]!.data).toEqual(['Run 3', 'Run 1', 'learning rate'])
    expect(option.xAxis[0]!.name).toBe('words')
    const svg = lastChart().chart.renderToSVGString()
    expect(svg).toContain('Run 3')
    expect(svg.match(/>epoch</g)).toHaveLength(3)
    expect(wrapper.attributes('aria-label')).toMatch(/^Loss chart\. Run 3: 200 points, last loss [\d.]+; Run 1: 100 points/)
    wrapper.unmount()
  })

  it('coalesces batches pushed into the arrays into one redraw per frame, drawing the new points', async () => {
    const runs = reactive([lossRun('1', 10)]) as Mutable<LossRun>[]
    const wrapper = await mountChart({ runs, smoothing: 0.6, logScale: false, xAxis: 'progress', showLearningRate: false })
    const recordedChart = lastChart()
    const before = recordedChart.setOptions.length
    const run = runs[0]!
    for (let batch = 0; batch < 5; batch++) {
      for (let i = 0; i < 4; i++) {
        const x = run.x.at(-1)! + 1000
        run.x.push(x)
        run.loss.push(2.5)
        run.alpha.push(0.01)
        run.t.push(x / 1000)
      }
    }
    run.boundaries.push(20_000)
    await nextTick()
    await nextFrame()
    expect(recordedChart.setOptions.length).toBe(before + 1)
    const [raw, smoothed] = model().series
    expect(raw!.data).toHaveLength(30)
    expect(raw!.data.at(-1)).toEqual([30_000, 2.5])
    expect(smoothed!.markLine!.data.map((d) => d.xAxis)).toEqual([20_000])
    // Nothing changed: no redraw.
    await nextFrame()
    expect(recordedChart.setOptions.length).toBe(before + 1)
    wrapper.unmount()
  })

  it('follows the toggles: log axis, time axis, learning rate off, a run hidden', async () => {
    const runs = [lossRun('2', 50, { boundaries: [10_000] }), lossRun('1', 40)]
    const wrapper = await mountChart({ runs, smoothing: 0.6, logScale: false, xAxis: 'progress', showLearningRate: true })
    await wrapper.setProps({ logScale: true, xAxis: 'time', showLearningRate: false, runs: [runs[0]!, { ...runs[1]!, visible: false }] })
    await nextFrame()
    const option = model()
    expect(option.yAxis).toHaveLength(1)
    expect(option.yAxis[0]!.type).toBe('log')
    expect(option.series.map((s) => s.id)).toEqual(['2:raw', '2:smoothed'])
    expect(option.xAxis[0]!.name).toBe('training time')
    expect(option.series[1]!.markLine!.data.map((d) => d.xAxis)).toEqual([10])
    wrapper.unmount()
  })

  it('keeps the zoom across redraws', async () => {
    const runs = reactive([lossRun('1', 100)]) as Mutable<LossRun>[]
    const wrapper = await mountChart({ runs, smoothing: 0.6, logScale: false, xAxis: 'progress', showLearningRate: false })
    const { chart } = lastChart()
    chart.dispatchAction({ type: 'dataZoom', start: 20, end: 40 })
    runs[0]!.x.push(101_000)
    runs[0]!.loss.push(3)
    await nextTick()
    await nextFrame()
    const zoom = (chart.getOption() as { dataZoom: { start: number; end: number }[] }).dataZoom[0]!
    expect([zoom.start, zoom.end]).toEqual([20, 40])
    wrapper.unmount()
  })

  it('follows the system theme: dark palette at start, light after a switch, zoom kept', async () => {
    const media = fakeMatchMedia({ [DARK_QUERY]: true })
    vi.stubGlobal('matchMedia', media.matchMedia)
    const wrapper = await mountChart({ runs: [lossRun('1', 20)], smoothing: 0, logScale: false, xAxis: 'progress', showLearningRate: false })
    const recordedChart = lastChart()
    expect(recordedChart.initTheme).toBe('dark')
    expect(model().series[0]!.color).toBe(DARK_PALETTE.runs[0])
    recordedChart.chart.dispatchAction({ type: 'dataZoom', start: 10, end: 30 })
    media.set(DARK_QUERY, false)
    await nextTick()
    await nextFrame()
    expect(recordedChart.themes).toEqual(['default'])
    expect(model().series[0]!.color).toBe(LIGHT_PALETTE.runs[0])
    const zoom = (recordedChart.chart.getOption() as { dataZoom: { start: number; end: number }[] }).dataZoom[0]!
    expect([zoom.start, zoom.end]).toEqual([10, 30])
    wrapper.unmount()
    expect(media.listenerCount(DARK_QUERY)).toBe(0)
  })

  it('resizes with its container and disposes the chart on unmount', async () => {
    let observed: (() => void) | null = null
    let disconnected = false
    vi.stubGlobal(
      'ResizeObserver',
      class {
        constructor(callback: () => void) {
          observed = callback
        }
        observe() {}
        disconnect() {
          disconnected = true
        }
      },
    )
    const wrapper = await mountChart({ runs: [lossRun('1', 5)], smoothing: 0.6, logScale: false, xAxis: 'progress', showLearningRate: false })
    const recordedChart = lastChart()
    observed!()
    observed!()
    await nextFrame()
    expect(recordedChart.resizes).toBe(1)
    wrapper.unmount()
    expect(disconnected).toBe(true)
    expect(recordedChart.chart.isDisposed()).toBe(true)
  })
})
