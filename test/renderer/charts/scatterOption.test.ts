import { describe, expect, it } from 'vitest'
import { LIGHT_PALETTE } from '../../../src-renderer/src/charts/chartPalette'
import { buildScatterOption, SCATTER_SERIES, scatterFrame, scatterTooltip } from '../../../src-renderer/src/charts/scatterOption'
import { createLabelPlacer } from '../../../src-renderer/src/charts/scatterLabels'
import { planTransition, pointsAt, pointsExtent, snapshotPoints } from '../../../src-renderer/src/charts/scatterTween'
import { renderOption } from './ssrChart'

const words = ['king', 'queen', 'man', 'woman', 'whale']
const coordinates = [1, 2, 1.2, 2.4, -1, 0.5, -0.8, 0.9, 3, -2]

type ScatterData = { name: string; value: [number, number]; itemStyle: { opacity: number } }[]

describe('buildScatterOption', () => {
  const points = snapshotPoints(words, coordinates)
  const extent = pointsExtent(points)
  const option = buildScatterOption(points, extent, LIGHT_PALETTE, () => '', createLabelPlacer())

  it('labels every point with its word at its coordinates', () => {
    const [series] = option.series as { id: string; data: ScatterData; label: { show: boolean; formatter: string } }[]
    expect(series!.id).toBe(SCATTER_SERIES)
    expect(series!.label).toMatchObject({ show: true, formatter: '{b}' })
    expect(series!.data.map((d) => d.name)).toEqual(words)
    expect(series!.data[4]!.value).toEqual([3, -2])
  })

  it('zooms and pans both axes, which hold the extent of the move', () => {
    expect(option.dataZoom).toEqual([expect.objectContaining({ type: 'inside', xAxisIndex: 0 }), expect.objectContaining({ type: 'inside', yAxisIndex: 0 })])
    expect(option.xAxis).toMatchObject({ min: extent.x[0], max: extent.x[1] })
    expect(option.yAxis).toMatchObject({ min: extent.y[0], max: extent.y[1] })
  })

  it('sends only the points for a frame of a move, with each point’s opacity', () => {
    const moving = pointsAt(planTransition([], points), 0.5)
    const frame = scatterFrame(moving)
    expect(Object.keys(frame)).toEqual(['series'])
    const data = (frame.series as { data: ScatterData }[])[0]!.data
    expect(data[0]!.itemStyle.opacity).toBeCloseTo(moving[0]!.opacity)
    expect(data[0]!.itemStyle.opacity).toBeGreaterThan(0)
    expect(data[0]!.itemStyle.opacity).toBeLessThan(1)
  })

  it('renders every word as a label in real ECharts', () => {
    const { svg, warnings } = renderOption(option)
    expect(warnings).toEqual([])
    for (const word of words) expect(svg).toContain(`>${word}<`)
  })
})

describe('scatterTooltip', () => {
  it('shows the word, "…" while neighbours load, then the neighbours, all escaped', () => {
    expect(scatterTooltip('a<b', null)).toBe('<b>a&lt;b</b>')
    expect(scatterTooltip('whale', { status: 'loading' })).toBe('<b>whale</b><br/>nearest: …')
    expect(scatterTooltip('whale', { status: 'ready', neighbours: ['sperm', '<ship>'] })).toBe('<b>whale</b><br/>nearest: sperm, &lt;ship&gt;')
    expect(scatterTooltip('whale', { status: 'ready', neighbours: [] })).toBe('<b>whale</b><br/>no neighbours')
    expect(scatterTooltip('whale', { status: 'failed', message: 'No model is loaded.' })).toBe('<b>whale</b><br/>The neighbours could not be found: No model is loaded.')
  })
})
