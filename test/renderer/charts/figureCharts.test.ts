import { describe, expect, it } from 'vitest'
import { chartSvg } from '../../../src-renderer/src/charts/figureCharts'
import { svgTexts } from '../../support/figureFiles'
import { ssrChart } from './ssrChart'

describe('a chart saved as SVG', () => {
  it('is the chart’s current option drawn again at its size, on white, labels and all, without the tooltip', () => {
    const chart = ssrChart()
    const words = ['king', 'rock&roll', '<b>', 'say "hi"']
    chart.setOption({
      backgroundColor: 'transparent',
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value' },
      yAxis: { type: 'value' },
      series: [{ type: 'scatter', label: { show: true, formatter: '{b}' }, data: words.map((name, i) => ({ name, value: [i, i * i] })) }],
    })
    const svg = chartSvg(chart)
    chart.dispose()
    expect(svg).toMatch(/^<svg width="800" height="500"/)
    expect(svg).toContain('fill="#ffffff"')
    const texts = svgTexts(svg)
    for (const word of words) expect(texts).toContain(word)
  })
})
