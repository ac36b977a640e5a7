import { describe, expect, it } from 'vitest'
import { DARK_PALETTE, LIGHT_PALETTE } from '../../../src-renderer/src/charts/chartPalette'
import type { LossChartProps } from '../../../src-renderer/src/charts/chartTypes'
import { buildLossChartOption, formatValue, LEARNING_RATE_SERIES, lossTooltip } from '../../../src-renderer/src/charts/lossChartOption'
import { createLossSeriesCache } from '../../../src-renderer/src/charts/lossSeriesCache'
import { debiasedSmoothing } from '../../../src-renderer/src/charts/smoothing'
import { lossRun } from './chartFixtures'
import { renderOption } from './ssrChart'

const base: LossChartProps = { runs: [], smoothing: 0.6, logScale: false, xAxis: 'progress', showLearningRate: false }

type Series = { id: string; name: string; type: string; data: [number, number][]; yAxisIndex?: number; color?: string; lineStyle?: { opacity?: number }; markLine?: { data: { xAxis: number }[] } }
const seriesOf = (option: ReturnType<typeof buildLossChartOption>) => option.series as Series[]
const yAxesOf = (option: ReturnType<typeof buildLossChartOption>) => option.yAxis as { type: string; name: string }[]

describe('buildLossChartOption', () => {
  it('draws a raw and a smoothed curve per visible run, current run first, hidden runs not at all', () => {
    const runs = [lossRun('3', 50), lossRun('2', 40, { visible: false }), lossRun('1', 30)]
    const option = buildLossChartOption({ ...base, runs }, LIGHT_PALETTE, createLossSeriesCache())
    expect(seriesOf(option).map((s) => s.id)).toEqual(['3:raw', '3:smoothed', '1:raw', '1:smoothed'])
    expect((option.legend as { data: string[] }).data).toEqual(['Run 3', 'Run 1'])
    // Colours follow the run's place in the list, so hiding run 2 does not repaint run 1.
    expect(seriesOf(option)[2]!.color).toBe(LIGHT_PALETTE.runs[2])
    expect(seriesOf(option)[0]!.lineStyle?.opacity).toBe(0.25)
  })

  it('smooths with the debiased EMA and draws only the raw loss, full strength, at smoothing 0', () => {
    const run = lossRun('1', 20)
    const smoothed = seriesOf(buildLossChartOption({ ...base, runs: [run] }, LIGHT_PALETTE, createLossSeriesCache()))[1]!
    expect(smoothed.data.map(([, y]) => y)).toEqual(debiasedSmoothing(run.loss, 0.6))
    const rawOnly = seriesOf(buildLossChartOption({ ...base, runs: [run], smoothing: 0 }, LIGHT_PALETTE, createLossSeriesCache()))
    expect(rawOnly.map((s) => s.id)).toEqual(['1:raw'])
    expect(rawOnly[0]!.lineStyle?.opacity).toBe(1)
  })

  it("marks the current run's epoch boundaries, on the progress axis and in seconds on the time axis", () => {
    const runs = [lossRun('2', 100, { boundaries: [25_000, 50_000, 75_000] }), lossRun('1', 100, { boundaries: [10_000] })]
    const progress = seriesOf(buildLossChartOption({ ...base, runs }, LIGHT_PALETTE, createLossSeriesCache()))
    expect(progress[1]!.markLine!.data.map((d) => d.xAxis)).toEqual([25_000, 50_000, 75_000])
    expect(progress.filter((s) => s.markLine)).toHaveLength(1)
    const time = seriesOf(buildLossChartOption({ ...base, runs, xAxis: 'time' }, LIGHT_PALETTE, createLossSeriesCache()))
    expect(time[1]!.markLine!.data.map((d) => d.xAxis)).toEqual([25, 50, 75])
    expect(time[1]!.data[0]).toEqual([1, expect.any(Number)])
  })

  it('puts the learning rate on a second y axis only when asked', () => {
    const runs = [lossRun('1', 30)]
    const without = buildLossChartOption({ ...base, runs }, LIGHT_PALETTE, createLossSeriesCache())
    expect(yAxesOf(without)).toHaveLength(1)
    const withLr = buildLossChartOption({ ...base, runs, showLearningRate: true }, LIGHT_PALETTE, createLossSeriesCache())
    expect(yAxesOf(withLr).map((a) => a.name)).toEqual(['loss', 'learning rate'])
    const lr = seriesOf(withLr).find((s) => s.id === LEARNING_RATE_SERIES)!
    expect(lr.yAxisIndex).toBe(1)
    expect(lr.data.at(-1)).toEqual([runs[0]!.x.at(-1), runs[0]!.alpha.at(-1)])
    // No current run to show (it is hidden): no learning-rate axis either.
    const hidden = buildLossChartOption({ ...base, runs: [{ ...runs[0]!, visible: false }], showLearningRate: true }, LIGHT_PALETTE, createLossSeriesCache())
    expect(yAxesOf(hidden)).toHaveLength(1)
  })

  it('switches the loss axis to log and drops the points a log axis cannot place', () => {
    const run = lossRun('1', 5, { loss: [4, 0, 2, -1, 1] })
    const option = buildLossChartOption({ ...base, runs: [run], logScale: true, smoothing: 0 }, LIGHT_PALETTE, createLossSeriesCache())
    expect(yAxesOf(option)[0]!.type).toBe('log')
    expect(seriesOf(option)[0]!.data.map(([, y]) => y)).toEqual([4, 2, 1])
  })

  it('samples a long run down to at most 2000 points per curve, ending at the latest point', () => {
    const run = lossRun('1', 300_000, { wordsPerPoint: 10 })
    const series = seriesOf(buildLossChartOption({ ...base, runs: [run] }, LIGHT_PALETTE, createLossSeriesCache()))
    for (const s of series) expect(s.data.length).toBeLessThanOrEqual(2000)
    expect(series[0]!.data.at(-1)).toEqual([run.x.at(-1), run.loss.at(-1)])
  })

  it('names the x axis by schedule and formats its ticks', () => {
    const option = buildLossChartOption({ ...base, runs: [lossRun('1', 3, { schedule: 'cs224n' })] }, LIGHT_PALETTE, createLossSeriesCache())
    const xAxis = option.xAxis as { name: string; axisLabel: { formatter: (v: number) => string } }
    expect(xAxis.name).toBe('iterations')
    expect(xAxis.axisLabel.formatter(40_000)).toBe('40k')
  })

  it('renders in real ECharts with nothing unregistered, legend and axis names drawn', () => {
    const runs = [lossRun('2', 500, { boundaries: [100_000, 200_000] }), lossRun('1', 400)]
    const { svg, warnings, model } = renderOption(buildLossChartOption({ ...base, runs, showLearningRate: true, logScale: true }, DARK_PALETTE, createLossSeriesCache()))
    expect(warnings).toEqual([])
    expect(svg).toContain('Run 2')
    expect(svg).toContain('learning rate')
    expect(svg).toContain('loss (log scale)')
    // Marker lines are drawn only if MarkLineComponent is registered; ECharts would not warn.
    expect(svg.match(/>epoch</g)).toHaveLength(2)
    expect((model.series as unknown[]).length).toBe(5)
  })

  it('notices a component used but not registered: the check above can fail', () => {
    const { warnings } = renderOption({ title: { text: 'not registered' }, series: [{ type: 'line', data: [[0, 1], [1, 2]] }], xAxis: {}, yAxis: {} } as never)
    expect(warnings.join('\n')).toMatch(/title is used but not imported/)
  })
})

describe('loss tooltip', () => {
  it('says where on the axis and each curve’s value, escaping run labels', () => {
    const html = lossTooltip(
      [
        { seriesId: '1:raw', seriesName: 'Run <1>', marker: '•', value: [1_500_000, 3.14159], axisValue: 1_500_000 },
        { seriesId: '1:smoothed', seriesName: 'Run <1>', marker: '•', value: [1_500_000, 3.2], axisValue: 1_500_000 },
        { seriesId: LEARNING_RATE_SERIES, seriesName: 'learning rate', marker: '•', value: [1_500_000, 0.0000125], axisValue: 1_500_000 },
      ],
      'progress',
      'words',
    )
    expect(html.split('<br/>')).toEqual(['1.5M words', '•Run &lt;1&gt; (raw): <b>3.142</b>', '•Run &lt;1&gt; (smoothed): <b>3.2</b>', '•learning rate: <b>1.250e-5</b>'])
  })

  it('gives the time without a unit name (the clock format says it)', () => {
    expect(lossTooltip([{ seriesId: '1:raw', seriesName: 'Run 1', value: [75, 2], axisValue: 75 }], 'time', 'training time').split('<br/>')[0]).toBe('1:15')
    expect(lossTooltip([], 'time', 'training time')).toBe('')
  })

  it('formats values with four significant digits, scientific when tiny', () => {
    expect(formatValue(2.3456789)).toBe('2.346')
    expect(formatValue(0.000025)).toBe('2.500e-5')
    expect(formatValue(0)).toBe('0')
  })
})
