import { describe, expect, it } from 'vitest'
import { DARK_PALETTE, LIGHT_PALETTE } from '../../../src-renderer/src/charts/chartPalette'
import type { ChartOption } from '../../../src-renderer/src/charts/echartsSetup'
import { chartSvg } from '../../../src-renderer/src/charts/figureCharts'
import { svgTexts } from '../../support/figureFiles'
import { ssrChart } from './ssrChart'

const words = ['king', 'rock&roll', '<b>', 'say "hi"']

function scatter(text: string, zoomStart?: number): ChartOption {
  return {
    backgroundColor: 'transparent',
    tooltip: { trigger: 'item' },
    dataZoom: [{ type: 'inside', xAxisIndex: 0, filterMode: 'none', ...(zoomStart === undefined ? {} : { start: zoomStart }) }],
    xAxis: { type: 'value', min: 0, max: 3 },
    yAxis: { type: 'value', min: 0, max: 9 },
    series: [{ type: 'scatter', label: { show: true, formatter: '{b}', color: text }, data: words.map((name, i) => ({ name, value: [i, i * i] })) }],
  }
}

describe('a chart saved as SVG', () => {
  it('is the chart drawn again at its size in the light palette on white, labels and all, without the tooltip', () => {
    const chart = ssrChart('dark')
    chart.setOption(scatter(DARK_PALETTE.text))
    const svg = chartSvg({ chart, lightOption: () => scatter(LIGHT_PALETTE.text) })
    chart.dispose()
    expect(svg).toMatch(/^<svg width="800" height="500"/)
    expect(svg).toContain('fill="#ffffff"')
    expect(svg).toContain(`fill="${LIGHT_PALETTE.text}"`)
    expect(svg).not.toContain(`fill="${DARK_PALETTE.text}"`)
    const texts = svgTexts(svg)
    for (const word of words) expect(texts).toContain(word)
  })

  it('keeps the zoom the user set on the chart', () => {
    const chart = ssrChart()
    chart.setOption(scatter(LIGHT_PALETTE.text, 50))
    const svg = chartSvg({ chart, lightOption: () => scatter(LIGHT_PALETTE.text) })
    chart.dispose()
    // Zoomed to the right half of x (1.5 to 3): the first two words are outside the plot and not drawn.
    const texts = svgTexts(svg)
    expect(texts).toContain('say "hi"')
    expect(texts).not.toContain('king')
  })
})
