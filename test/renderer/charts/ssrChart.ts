/**
 * A real ECharts instance without a DOM: the SVG renderer in server-side mode. Options built for
 * the window are rendered here, so a part used but not registered, or an option ECharts rejects,
 * shows up as a warning the tests can see.
 */
import { init, use, type EChartsType } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { vi } from 'vitest'
import type { ChartOption } from '../../../src-renderer/src/charts/echartsSetup'
import '../../../src-renderer/src/charts/echartsSetup'

use(SVGRenderer)

export function ssrChart(theme?: string): EChartsType {
  return init(null, theme, { renderer: 'svg', ssr: true, width: 800, height: 500 })
}

/** The SVG that ECharts draws for `option`, and whatever it warned about on the way. */
export function renderOption(option: ChartOption): { svg: string; warnings: string[]; model: ChartOption } {
  const warnings: string[] = []
  const record = (...args: unknown[]) => void warnings.push(args.map(String).join(' '))
  const warn = vi.spyOn(console, 'warn').mockImplementation(record)
  const error = vi.spyOn(console, 'error').mockImplementation(record)
  const chart = ssrChart()
  try {
    chart.setOption(option)
    return { svg: chart.renderToSVGString(), warnings, model: chart.getOption() as ChartOption }
  } finally {
    chart.dispose()
    warn.mockRestore()
    error.mockRestore()
  }
}
