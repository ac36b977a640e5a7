/**
 * The charts a figure is saved from. Each chart that shows a figure registers, while it is
 * mounted, its live ECharts instance and a way to build its option in the light palette, so the
 * panel's save control and the File menu reach the same chart. A saved image is the chart as
 * shown (its size, its zoom, its data) but always in the light palette on white, whatever the
 * window's theme: a figure goes into documents, and the dark theme's pale text would vanish on
 * white. The PNG is drawn on a canvas at twice the chart's size, the SVG by ECharts' SVG renderer.
 */
import { FIGURE_BACKGROUND, FIGURE_PNG_PIXEL_RATIO, type FigureKind } from '@contract/figures'
import { type EChartsType, init } from 'echarts/core'
import { onBeforeUnmount, type ShallowRef, watch } from 'vue'
import type { ChartOption } from './echartsSetup'
import './echartsSetup'

export interface FigureChart {
  readonly chart: EChartsType
  /** The chart's whole option as it is drawn now, built with the light palette. */
  readonly lightOption: () => ChartOption
}

const charts = new Map<FigureKind, FigureChart>()

/** Registers the chart as the figure `figure()` names, for as long as the calling component lives. */
export function useFigureChart(figure: () => FigureKind | undefined, chart: Readonly<ShallowRef<EChartsType | null>>, lightOption: () => ChartOption): void {
  let registered: { figure: FigureKind; entry: FigureChart } | null = null
  const release = (): void => {
    if (registered && charts.get(registered.figure) === registered.entry) charts.delete(registered.figure)
    registered = null
  }
  watch([figure, chart], ([name, instance]) => {
    release()
    if (name === undefined || instance === null) return
    const entry = { chart: instance, lightOption }
    charts.set(name, entry)
    registered = { figure: name, entry }
  }, { immediate: true })
  onBeforeUnmount(release)
}

export function figureChart(figure: FigureKind): FigureChart | null {
  return charts.get(figure) ?? null
}

/** The zoom the user set on the live chart, carried over to the figure's option. */
function withLiveZoom(option: Record<string, unknown>, chart: EChartsType): unknown {
  const live = (chart.getOption() as { dataZoom?: unknown } | undefined)?.dataZoom
  const own = option.dataZoom
  if (!Array.isArray(live) || !Array.isArray(own)) return own
  return own.map((zoom: object, i: number) => {
    const { start, end } = (live[i] ?? {}) as { start?: number; end?: number }
    return { ...zoom, ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) }
  })
}

function figureOption({ chart, lightOption }: FigureChart): Record<string, unknown> {
  const option: Record<string, unknown> = { ...(lightOption() as Record<string, unknown>), backgroundColor: FIGURE_BACKGROUND, animation: false }
  option.dataZoom = withLiveZoom(option, chart)
  // A tooltip belongs to the pointer, not to a figure.
  delete option.tooltip
  return option
}

/** The chart as a PNG, base64 (no data: prefix), at FIGURE_PNG_PIXEL_RATIO times its size. */
export function chartPng(figure: FigureChart): string {
  const { chart } = figure
  const copy = init(document.createElement('div'), undefined, { renderer: 'canvas', width: chart.getWidth(), height: chart.getHeight() })
  try {
    copy.setOption(figureOption(figure))
    const url = copy.getDataURL({ type: 'png', pixelRatio: FIGURE_PNG_PIXEL_RATIO, backgroundColor: FIGURE_BACKGROUND })
    return url.slice(url.indexOf(',') + 1)
  } finally {
    copy.dispose()
  }
}

/** The chart as an SVG document, at its size. */
export function chartSvg(figure: FigureChart): string {
  const { chart } = figure
  const copy = init(null, undefined, { renderer: 'svg', ssr: true, width: chart.getWidth(), height: chart.getHeight() })
  try {
    copy.setOption(figureOption(figure))
    return copy.renderToSVGString()
  } finally {
    copy.dispose()
  }
}
