/**
 * The embedding scatter plot as an ECharts option: the course's plot of the chosen words in 2-D,
 * each point labelled with its word. Axes are fixed per transition (not fitted every frame) so
 * they hold still while the points move.
 */
import { format } from 'echarts/core'
import type { ChartPalette } from './chartPalette'
import type { ChartOption } from './echartsSetup'
import type { NeighbourState } from './neighbourLookup'
import { LABEL_DISTANCE, type LabelPlacer } from './scatterLabels'
import type { ScatterPoint } from './scatterTween'

export const SCATTER_SERIES = 'words'
/** Diameter of a point, in pixels. */
export const SYMBOL_SIZE = 8

type TooltipFormatter = (params: unknown, ticket: string, callback: (ticket: string, html: string) => void) => string

/** The whole option; while points move, `scatterFrame` sends only what changes. */
export function buildScatterOption(
  points: readonly ScatterPoint[],
  extent: { x: [number, number]; y: [number, number] },
  palette: ChartPalette,
  tooltip: TooltipFormatter,
  labels: LabelPlacer,
): ChartOption {
  const axis = (range: [number, number]) => ({
    type: 'value' as const,
    min: range[0],
    max: range[1],
    axisLine: { show: true, onZero: false, lineStyle: { color: palette.axisLine } },
    axisLabel: { color: palette.mutedText, showMinLabel: false, showMaxLabel: false, formatter: (v: number) => String(Number(v.toPrecision(2))) },
    splitLine: { lineStyle: { color: palette.splitLine } },
  })
  return {
    backgroundColor: 'transparent',
    // The points move by our own tween (frame by frame); ECharts' animation would fight it.
    animation: false,
    textStyle: { color: palette.text },
    grid: { left: 40, right: 24, top: 16, bottom: 32 },
    tooltip: { trigger: 'item', formatter: tooltip as never, enterable: false, confine: true },
    dataZoom: [
      { type: 'inside', xAxisIndex: 0, filterMode: 'none' },
      { type: 'inside', yAxisIndex: 0, filterMode: 'none' },
    ],
    xAxis: axis(extent.x),
    yAxis: axis(extent.y),
    series: [
      {
        id: SCATTER_SERIES,
        type: 'scatter',
        color: palette.point,
        symbolSize: SYMBOL_SIZE,
        label: { show: true, position: 'right', distance: LABEL_DISTANCE, formatter: '{b}', color: palette.text, fontSize: 12 },
        // Each label moves to a free spot around its point; one with none is hidden (and counted).
        labelLayout: labels.place,
        emphasis: { focus: 'self', label: { fontWeight: 'bold' } },
        data: scatterData(points),
      },
    ],
  }
}

/** One frame of a move: the points and nothing else. */
export function scatterFrame(points: readonly ScatterPoint[]): ChartOption {
  return { series: [{ id: SCATTER_SERIES, type: 'scatter', data: scatterData(points) }] }
}

function scatterData(points: readonly ScatterPoint[]) {
  return points.map((p) => ({ name: p.word, value: [p.x, p.y], itemStyle: { opacity: p.opacity }, label: { opacity: p.opacity } }))
}

/** The tooltip: the word in bold, then its nearest neighbours, "…" while they load. */
export function scatterTooltip(word: string, neighbours: NeighbourState | null): string {
  const title = `<b>${format.encodeHTML(word)}</b>`
  if (!neighbours) return title
  switch (neighbours.status) {
    case 'loading':
      return `${title}<br/>nearest: …`
    case 'ready':
      return neighbours.neighbours.length === 0
        ? `${title}<br/>no neighbours`
        : `${title}<br/>nearest: ${neighbours.neighbours.map((w) => format.encodeHTML(w)).join(', ')}`
    case 'failed':
      return `${title}<br/>The neighbours could not be found: ${format.encodeHTML(neighbours.message)}`
  }
}
