import type { EChartsType } from 'echarts/core'
import { afterEach, describe, expect, it } from 'vitest'
import { LIGHT_PALETTE } from '../../../src-renderer/src/charts/chartPalette'
import { createLabelPlacer, pointBoxes } from '../../../src-renderer/src/charts/scatterLabels'
import { buildScatterOption, scatterFrame, SYMBOL_SIZE } from '../../../src-renderer/src/charts/scatterOption'
import { pointsExtent, snapshotPoints, type ScatterPoint } from '../../../src-renderer/src/charts/scatterTween'
import { COURSE_WORDS, drawnLabels, overlap } from './sceneLabels'
import { ssrChart } from './ssrChart'

/** A seeded scatter of four clusters of six words, `spread` wide each, in a 10 × 10 square (as trained vectors give). */
function clustered(count: number, seed: number, spread: number): number[] {
  let s = seed
  const rand = () => ((s = (s * 16807) % 2147483647) / 2147483647)
  const centres = [[0, 0], [10, 0], [0, 10], [10, 10]] as const
  return Array.from({ length: count }, (_, i) => centres[Math.floor(i / 6) % 4]!.map((c) => c + spread * (rand() - 0.5))).flat()
}

let chart: EChartsType | null = null
afterEach(() => {
  chart?.dispose()
  chart = null
})

/** The points drawn now, which the placer reads when a layout begins. */
let drawn: ScatterPoint[] = []

/** The plot as the window draws it: the placer knows every point's box, as EmbeddingScatter gives it. */
function draw(words: readonly string[], coordinates: readonly number[]) {
  drawn = snapshotPoints(words, coordinates)
  const drawing = ssrChart()
  chart = drawing
  const placer = createLabelPlacer(() => pointBoxes(drawn, (value) => drawing.convertToPixel({ seriesIndex: 0 }, value) as number[], SYMBOL_SIZE))
  drawing.setOption(buildScatterOption(drawn, pointsExtent(drawn), LIGHT_PALETTE, () => '', placer))
  chart.renderToSVGString()
  return { placer, shown: drawnLabels(chart, words) }
}

describe('scatter labels', () => {
  it.each([[0.2, 'some'], [1, 'any'], [3, 'none']])('never overlap, and the count of hidden ones is what ECharts hides (course words, clusters %d wide)', (spread, hidden) => {
    const { placer, shown } = draw(COURSE_WORDS, clustered(COURSE_WORDS.length, 11, spread))
    // Tight clusters cannot hold every label; loose ones can, once labels move.
    if (hidden === 'some') expect(placer.hidden()).toBeGreaterThan(0)
    if (hidden === 'none') expect(placer.hidden()).toBe(0)
    for (let i = 0; i < shown.length; i++) {
      for (let j = i + 1; j < shown.length; j++) expect(overlap(shown[i]!.rect, shown[j]!.rect), `${shown[i]!.text} and ${shown[j]!.text}`).toBe(false)
    }
    expect(new Set(shown.map((l) => l.text)).size).toBe(shown.length)
    expect(placer.hidden()).toBe(COURSE_WORDS.length - shown.length)
  })

  it('stays true snapshot after snapshot and frame after frame (ECharts reports a label where the last layout left it)', () => {
    const { placer } = draw(COURSE_WORDS, clustered(COURSE_WORDS.length, 11, 1))
    for (const [seed, spread] of [[12, 0.2], [13, 1], [14, 0.4], [15, 3], [16, 0.3]] as const) {
      drawn = snapshotPoints(COURSE_WORDS, clustered(COURSE_WORDS.length, seed, spread))
      chart!.setOption(buildScatterOption(drawn, pointsExtent(drawn), LIGHT_PALETTE, () => '', placer))
      chart!.renderToSVGString()
      // A frame of a move: the points a little further on, within the same axes.
      drawn = drawn.map((p) => ({ ...p, x: p.x + 0.01 * spread }))
      chart!.setOption(scatterFrame(drawn))
      chart!.renderToSVGString()
      const shown = drawnLabels(chart!, COURSE_WORDS)
      for (let i = 0; i < shown.length; i++) {
        for (let j = i + 1; j < shown.length; j++) expect(overlap(shown[i]!.rect, shown[j]!.rect), `${shown[i]!.text} and ${shown[j]!.text}`).toBe(false)
      }
      expect(placer.hidden(), `frame ${seed}`).toBe(COURSE_WORDS.length - shown.length)
    }
  })

  it('moves a label that would overlap to another side rather than hiding it', () => {
    // Two points side by side: right of the first is where the second's label goes.
    const { placer, shown } = draw(['brilliant', 'wonderful', 'far'], [0, 0, 0.3, 0, 10, 10])
    expect(shown.map((l) => l.text).sort()).toEqual(['brilliant', 'far', 'wonderful'])
    expect(placer.hidden()).toBe(0)
  })

  it('hides and counts only what cannot be placed: many words on one spot', () => {
    const words = COURSE_WORDS.slice(0, 12)
    const { placer, shown } = draw(words, words.flatMap(() => [0, 0]).concat())
    // Eight spots around one point, some of which overlap: right, left, above and below hold.
    expect(shown.length).toBeGreaterThanOrEqual(4)
    expect(shown.length).toBeLessThanOrEqual(8)
    expect(placer.hidden()).toBe(words.length - shown.length)
  })

  it('leaves every hidden label to show when its point is emphasised (the pointer rests on it)', () => {
    const words = COURSE_WORDS.slice(0, 12)
    const { placer, shown } = draw(words, words.flatMap(() => [0, 0]))
    // Highlighting does not run in a server-side chart, so read the label's emphasis state itself.
    type Label = { style?: { text?: string }; ignore?: boolean; states: { emphasis?: { ignore?: boolean } } }
    const hidden: Label[] = []
    for (const el of chart!.getZr().storage.getDisplayList(true)) {
      const label = (el as unknown as { getTextContent?: () => Label | undefined }).getTextContent?.()
      if (label?.ignore && words.includes(label.style?.text ?? '')) hidden.push(label)
    }
    expect(hidden).toHaveLength(placer.hidden())
    expect(hidden.length).toBe(words.length - shown.length)
    for (const label of hidden) expect(label.states.emphasis?.ignore, label.style?.text).toBe(false)
  })

  it('keeps labels off other words’ points when a spot allows', () => {
    // The queen sits right of the king, where the king's label would go.
    const { shown } = draw(['king', 'queen', 'far'], [0, 0, 0.15, 0, 10, 10])
    const points = chart!.convertToPixel({ seriesIndex: 0 }, [0.15, 0]) as number[]
    const queenPoint = { x: points[0]! - SYMBOL_SIZE / 2, y: points[1]! - SYMBOL_SIZE / 2, width: SYMBOL_SIZE, height: SYMBOL_SIZE }
    expect(overlap(shown.find((l) => l.text === 'king')!.rect, queenPoint)).toBe(false)
  })
})
