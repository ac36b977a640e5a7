/**
 * The charts a figure is saved from. Each chart that shows a figure registers its live ECharts
 * instance under the figure's name while it is mounted, so the panel's save control and the File
 * menu reach the same chart. A saved image is the chart as shown, zoom included: the PNG is the
 * canvas at twice its pixel ratio, the SVG the chart's current option drawn again by ECharts' SVG
 * renderer at the chart's size; both on white.
 */
import { FIGURE_BACKGROUND, FIGURE_PNG_PIXEL_RATIO, type FigureKind } from '@contract/figures'
import { type EChartsType, init } from 'echarts/core'
import { onBeforeUnmount, type ShallowRef, watch } from 'vue'
import './echartsSetup'

const charts = new Map<FigureKind, EChartsType>()

/** Registers `chart` as the figure `figure()` names, for as long as the calling component lives. */
export function useFigureChart(figure: () => FigureKind | undefined, chart: Readonly<ShallowRef<EChartsType | null>>): void {
  let registered: { figure: FigureKind; chart: EChartsType } | null = null
  const release = (): void => {
    if (registered && charts.get(registered.figure) === registered.chart) charts.delete(registered.figure)
    registered = null
  }
  watch([figure, chart], ([name, instance]) => {
    release()
    if (name === undefined || instance === null) return
    charts.set(name, instance)
    registered = { figure: name, chart: instance }
  }, { immediate: true })
  onBeforeUnmount(release)
}

export function figureChart(figure: FigureKind): EChartsType | null {
  return charts.get(figure) ?? null
}

/** The chart as a PNG, base64 (no data: prefix), at FIGURE_PNG_PIXEL_RATIO. */
export function chartPng(chart: EChartsType): string {
  const url = chart.getDataURL({ type: 'png', pixelRatio: FIGURE_PNG_PIXEL_RATIO, backgroundColor: FIGURE_BACKGROUND })
  return url.slice(url.indexOf(',') + 1)
}

/** The chart as an SVG document: its current option, drawn again by the SVG renderer at its size. */
export function chartSvg(chart: EChartsType): string {
  const option: Record<string, unknown> = { ...(chart.getOption() as Record<string, unknown>), backgroundColor: FIGURE_BACKGROUND, animation: false }
  // A tooltip belongs to the pointer, not to a figure.
  delete option.tooltip
  const copy = init(null, undefined, { renderer: 'svg', ssr: true, width: chart.getWidth(), height: chart.getHeight() })
  try {
    copy.setOption(option)
    return copy.renderToSVGString()
  } finally {
    copy.dispose()
  }
}
