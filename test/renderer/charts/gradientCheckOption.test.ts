import { describe, expect, it } from 'vitest'
import { LIGHT_PALETTE } from '../../../src-renderer/src/charts/chartPalette'
import { buildGradientCheckOption, ERROR_AXIS_NAME } from '../../../src-renderer/src/charts/gradientCheckOption'
import { checkRow } from './chartFixtures'
import { renderOption } from './ssrChart'

const checks = [
  checkRow('skipgram / negSampling', 'dummy', [['centerWordVectors', 3e-10, 1e-5], ['outsideVectors', 2e-4, 1e-5]]),
  checkRow('skipgram / negSampling (batch)', 'corpus', [['centerWordVectors', 1e-7, 1e-4]]),
]

type Bar = { value: number; itemStyle: { color: string } }

describe('buildGradientCheckOption', () => {
  const option = buildGradientCheckOption(checks, LIGHT_PALETTE)
  const series = (option.series as { type: string; data: Bar[]; markLine: { data: { xAxis: number; name: string }[] } }[])[0]!

  it('draws one bar per check and parameter block: log10 of the error, green passing, red failing', () => {
    expect(series.type).toBe('bar')
    expect(series.data.map((d) => d.value)).toEqual([Math.log10(3e-10), Math.log10(2e-4), Math.log10(1e-7)])
    expect(series.data.map((d) => d.itemStyle.color)).toEqual([LIGHT_PALETTE.passed, LIGHT_PALETTE.failed, LIGHT_PALETTE.passed])
    expect((option.yAxis as { data: string[] }).data).toEqual([
      'centerWordVectors · skipgram / negSampling (dummy)',
      'outsideVectors · skipgram / negSampling (dummy)',
      'centerWordVectors · skipgram / negSampling (batch) (corpus)',
    ])
  })

  it('draws each threshold as a line at its log10 and labels the error axis', () => {
    expect(series.markLine.data).toEqual([
      { xAxis: -5, name: '1e-5' },
      { xAxis: -4, name: '1e-4' },
    ])
    expect(option.xAxis).toMatchObject({ name: ERROR_AXIS_NAME, min: -11, startValue: -11 })
  })

  it('says "threshold" on the line when there is only one', () => {
    const single = buildGradientCheckOption([checks[0]!], LIGHT_PALETTE)
    expect((single.series as { markLine: { data: { name: string }[] } }[])[0]!.markLine.data).toEqual([{ xAxis: -5, name: 'threshold 1e-5' }])
  })

  it('renders the labels, axis name and thresholds in real ECharts', () => {
    const { svg, warnings } = renderOption(option)
    expect(warnings).toEqual([])
    expect(svg).toContain(ERROR_AXIS_NAME)
    expect(svg).toContain('>1e-5<')
    expect(svg).toContain('outsideVectors')
    // Each bar is labelled with its error.
    expect(svg).toContain('>2.0e-4<')
    expect(svg).toContain('>3.0e-10<')
  })

  it('tells the error, threshold and verdict on hover', () => {
    const formatter = (option.tooltip as { formatter: (p: { dataIndex: number }) => string }).formatter
    expect(formatter({ dataIndex: 1 })).toBe(
      '<b>skipgram / negSampling</b> (dummy)<br/>outsideVectors: 30 coordinates<br/>max relative error 2.0e-4 (threshold 1e-5): failed',
    )
  })
})
