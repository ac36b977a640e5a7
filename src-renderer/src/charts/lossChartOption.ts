/**
 * The loss chart as an ECharts option: per visible run a faint raw curve and a smoothed one
 * (TensorBoard style), the current run's learning rate on a second axis, its epoch or anneal
 * boundaries as marker lines. Pure: props in, option out, so it is tested without a canvas.
 */
import { format } from 'echarts/core'
import type { LossChartProps, LossRun, LossXAxis } from './chartTypes'
import { runColor, type ChartPalette } from './chartPalette'
import type { ChartOption } from './echartsSetup'
import { boundaryLabel, boundaryPositions, formatX, xAxisName, xValues } from './lossAxes'
import type { LossSeriesCache } from './lossSeriesCache'

type SeriesOption = Extract<NonNullable<ChartOption['series']>, unknown[]>[number]
type TooltipParam = { seriesId?: string; seriesName?: string; marker?: unknown; value?: unknown; axisValue?: unknown }

export const LEARNING_RATE_SERIES = 'learningRate'
const LEARNING_RATE_NAME = 'learning rate'
/** More marker lines than this are drawn without labels: the labels would only overlap. */
const MAX_LABELLED_BOUNDARIES = 12

/** The runs that are drawn, each with its index in `runs` (for a colour that does not change when another run is hidden). */
export function visibleRuns(runs: readonly LossRun[]): { run: LossRun; index: number }[] {
  return runs.flatMap((run, index) => (run.visible ? [{ run, index }] : []))
}

export function buildLossChartOption(props: LossChartProps, palette: ChartPalette, cache: LossSeriesCache): ChartOption {
  const drawn = visibleRuns(props.runs)
  cache.retain(new Set(drawn.map(({ run }) => run.runId)))
  const current = props.runs[0]?.visible ? props.runs[0] : null
  const smoothing = props.smoothing > 0 && props.smoothing < 1 ? props.smoothing : 0

  const series: SeriesOption[] = []
  for (const { run, index } of drawn) {
    const isCurrent = run === current
    const x = xValues(run, props.xAxis)
    const color = runColor(palette, index)
    const raw = lineSeries(`${run.runId}:raw`, run.label, color, cache.sampled(`${run.runId}:raw`, x, run.loss, props.logScale))
    // The raw curve is only context once a smoothed one is drawn over it.
    raw.lineStyle = { width: 1, opacity: smoothing > 0 ? 0.25 : 1 }
    raw.z = 1
    series.push(raw)
    let top = raw
    if (smoothing > 0) {
      const smoothed = cache.smoothed(run.runId, run.loss, smoothing)
      top = lineSeries(`${run.runId}:smoothed`, run.label, color, cache.sampled(`${run.runId}:smoothed`, x, smoothed, props.logScale))
      top.lineStyle = { width: isCurrent ? 2 : 1.5 }
      top.z = isCurrent ? 3 : 2
      series.push(top)
    }
    if (isCurrent) top.markLine = boundaryMarkers(run, props.xAxis, palette)
  }
  if (props.showLearningRate && current) {
    const alpha = cache.sampled(`${current.runId}:alpha`, xValues(current, props.xAxis), current.alpha, false)
    const lr = lineSeries(LEARNING_RATE_SERIES, LEARNING_RATE_NAME, palette.learningRate, alpha)
    lr.yAxisIndex = 1
    lr.lineStyle = { width: 1, type: 'dashed' }
    series.push(lr)
  }

  const axisCommon = {
    nameTextStyle: { color: palette.mutedText },
    axisLabel: { color: palette.mutedText },
    axisLine: { show: true, lineStyle: { color: palette.axisLine } },
  }
  const xName = xAxisName(props.xAxis, drawn.map(({ run }) => run.schedule))
  const legend = drawn.map(({ run }) => run.label)
  if (props.showLearningRate && current) legend.push(LEARNING_RATE_NAME)

  return {
    backgroundColor: 'transparent',
    // Live data: animating every batch would only cost frames.
    animation: false,
    textStyle: { color: palette.text },
    grid: { left: 64, right: props.showLearningRate ? 72 : 24, top: 40, bottom: 52 },
    legend: { type: 'scroll', top: 4, data: legend, textStyle: { color: palette.text }, inactiveColor: palette.axisLine },
    tooltip: { trigger: 'axis', axisPointer: { type: 'line' }, formatter: (params) => lossTooltip(params as TooltipParam[], props.xAxis, xName) },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'filter' }],
    xAxis: {
      ...axisCommon,
      type: 'value',
      name: xName,
      nameLocation: 'middle',
      nameGap: 30,
      max: 'dataMax',
      axisLabel: { color: palette.mutedText, formatter: (value: number) => formatX(value, props.xAxis), hideOverlap: true },
      splitLine: { show: false },
    },
    yAxis: [
      {
        ...axisCommon,
        type: props.logScale ? 'log' : 'value',
        name: props.logScale ? 'loss (log scale)' : 'loss',
        // A loss curve lives far from 0: fit the axis to the data, not to the origin.
        scale: true,
        splitLine: { lineStyle: { color: palette.splitLine } },
      },
      ...(props.showLearningRate && current
        ? [{ ...axisCommon, type: 'value' as const, name: LEARNING_RATE_NAME, position: 'right' as const, splitLine: { show: false } }]
        : []),
    ],
    series,
  }
}

function lineSeries(id: string, name: string, color: string, data: [number, number][]): SeriesOption & { type: 'line' } {
  return { id, name, type: 'line', data, color, showSymbol: false, symbol: 'none', emphasis: { disabled: true } }
}

function boundaryMarkers(run: LossRun, axis: LossXAxis, palette: ChartPalette): NonNullable<(SeriesOption & { type: 'line' })['markLine']> {
  const positions = boundaryPositions(run, axis)
  const label = boundaryLabel(run.schedule)
  return {
    silent: true,
    symbol: ['none', 'none'],
    animation: false,
    lineStyle: { color: palette.boundary, type: 'dashed', width: 1 },
    label: { show: positions.length <= MAX_LABELLED_BOUNDARIES, formatter: label, color: palette.mutedText, position: 'insideEndTop' },
    data: positions.map((xAxis) => ({ xAxis, name: label })),
  }
}

/** The hover text: where on the axis ("1.5M words", "1:15"), then each curve's value there. */
export function lossTooltip(params: readonly TooltipParam[], axis: LossXAxis, xName: string): string {
  const first = params[0]
  if (!first) return ''
  const where = formatX(Number(first.axisValue), axis)
  const lines = [format.encodeHTML(axis === 'time' ? where : `${where} ${xName}`)]
  for (const p of params) {
    const y = Array.isArray(p.value) ? Number(p.value[1]) : Number(p.value)
    const kind = p.seriesId === LEARNING_RATE_SERIES ? '' : p.seriesId?.endsWith(':raw') ? ' (raw)' : ' (smoothed)'
    const marker = typeof p.marker === 'string' ? p.marker : ''
    lines.push(`${marker}${format.encodeHTML(p.seriesName ?? '')}${kind}: <b>${formatValue(y)}</b>`)
  }
  return lines.join('<br/>')
}

/** Four significant digits, scientific for very small or large values (a learning rate of 2.5e-5). */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value)
  const abs = Math.abs(value)
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? value.toExponential(3) : String(Number(value.toPrecision(4)))
}
