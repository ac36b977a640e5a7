/** The word labels ECharts really draws, read from its scene, for tests that check what a user can read. */
import type { EChartsType } from 'echarts/core'
import type { Rect } from '../../../src-renderer/src/charts/scatterLabels'

/** The words CS224n's run.py plots. */
export const COURSE_WORDS = [
  'great', 'cool', 'brilliant', 'wonderful', 'well', 'amazing', 'worth', 'sweet', 'enjoyable', 'boring', 'bad', 'dumb',
  'annoying', 'female', 'male', 'queen', 'king', 'man', 'woman', 'rain', 'snow', 'hail', 'coffee', 'tea',
]

export interface ShownLabel {
  readonly text: string
  readonly rect: Rect
}

/** The labels ECharts actually draws, read from its scene: text elements that are not hidden, with their boxes on screen. */
export function drawnLabels(chart: EChartsType, words: readonly string[]): ShownLabel[] {
  const wanted = new Set(words)
  type Drawn = { style?: { text?: string }; ignore?: boolean; getBoundingRect(): Rect & { clone(): Rect & { applyTransform(m: unknown): void } }; getComputedTransform(): unknown }
  const list = chart.getZr().storage.getDisplayList(true) as unknown as Drawn[]
  return list.flatMap((el) => {
    const text = el.style?.text
    if (el.ignore || typeof text !== 'string' || !wanted.has(text)) return []
    const box = el.getBoundingRect().clone()
    box.applyTransform(el.getComputedTransform())
    return [{ text, rect: { x: box.x, y: box.y, width: box.width, height: box.height } }]
  })
}

/** Whether two boxes overlap by more than a twentieth of a pixel (ECharts' own touch threshold): touching is not overlapping. */
export function overlap(a: Rect, b: Rect): boolean {
  const touch = 0.05
  return a.x + touch < b.x + b.width && b.x + touch < a.x + a.width && a.y + touch < b.y + b.height && b.y + touch < a.y + a.height
}

