/**
 * Draws a figure's ECharts option without a browser: ECharts' server-side SVG renderer gives the
 * SVG, and resvg (a native SVG rasteriser, no browser, no canvas) turns that SVG into a PNG. The
 * PNG is the SVG drawn at a higher pixel ratio, so the two forms of a figure never disagree.
 */
import { ScatterChart } from 'echarts/charts'
import { GridComponent } from 'echarts/components'
import { type EChartsCoreOption, init, use } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import type { FigureSize } from '../../core/figures/wordVectorsFigure'

use([ScatterChart, GridComponent, SVGRenderer])

/** The SVG document ECharts draws for `option` at `size` (CSS pixels). */
export function svgOfOption(option: object, size: FigureSize): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: size.width, height: size.height })
  try {
    chart.setOption(option as EChartsCoreOption)
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}

/**
 * The SVG as a PNG, `pixelRatio` device pixels per CSS pixel, on `background`. resvg is loaded
 * on first use: it is a native module, and only PNGs need it.
 */
export async function pngOfSvg(svg: string, pixelRatio: number, background: string): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js')
  const image = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: pixelRatio },
    background,
    font: { loadSystemFonts: true },
  })
  return image.render().asPng()
}
