/**
 * Where each word's label goes on the scatter plot. ECharts' own overlap options do not fit a
 * scatter plot: hideOverlap alone drops labels without a trace, and moveOverlap stacks every
 * label of the chart into one column. So each label takes the first free spot of eight around
 * its point (right first, as the course's plot has it), preferring spots that cover no other
 * point; a label with no free spot is left where ECharts' hideOverlap hides it (it shows again
 * on hover), and the plot says how many those are.
 *
 * This runs as the series' labelLayout callback, which ECharts calls once per label, in one
 * order, on every layout (each frame of a move, each zoom and resize): a label seen twice means
 * a new layout began.
 */
export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/** What ECharts tells the callback of one label, in pixels: its point's box and its own at the default place. */
export interface LabelLayoutParams {
  readonly dataIndex?: number
  readonly rect: Rect
  readonly labelRect: Rect
}

/** What the callback answers: an offset from ECharts' place for the label (right of the point). */
export interface LabelPlacement {
  readonly dx: number
  readonly dy: number
  readonly hideOverlap: true
}

/** Room kept between two labels, so that ECharts, whose test lets edges touch, never sees them overlap. */
const GAP = 2
/** Grid cell of the index of placed labels, about one short word wide. */
const CELL = 64

/**
 * The eight spots around a point, as offsets from the label's default place right of it: right
 * and left on the point's row, then centred above and below that row, then the four corners.
 */
function spots(point: Rect, label: Rect): { dx: number; dy: number }[] {
  const distance = label.x - (point.x + point.width)
  const leftX = point.x - distance - label.width
  const centreX = point.x + point.width / 2 - label.width / 2
  const aboveY = Math.min(point.y, label.y) - label.height - GAP
  const belowY = Math.max(point.y + point.height, label.y + label.height) + GAP
  const at = (x: number, y: number) => ({ dx: x - label.x, dy: y - label.y })
  return [
    at(label.x, label.y), at(leftX, label.y), at(centreX, aboveY), at(centreX, belowY),
    at(label.x, aboveY), at(label.x, belowY), at(leftX, aboveY), at(leftX, belowY),
  ]
}

function overlaps(a: Rect, b: Rect, gap: number): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap
}

/** Rectangles bucketed by grid cell, so a check looks only at its neighbourhood (this runs every frame of a move). */
class RectIndex {
  private readonly cells = new Map<number, Rect[]>()

  add(rect: Rect): void {
    this.visit(rect, 0, (key) => {
      const cell = this.cells.get(key)
      if (cell) cell.push(rect)
      else this.cells.set(key, [rect])
      return false
    })
  }

  /** Whether `rect` comes within `gap` of a rectangle here. */
  hits(rect: Rect, gap: number): boolean {
    return this.visit(rect, gap, (key) => {
      const cell = this.cells.get(key)
      if (!cell) return false
      for (const other of cell) if (overlaps(rect, other, gap)) return true
      return false
    })
  }

  /** Calls `cell` for each grid cell `rect` (grown by `gap`) touches, until one returns true. */
  private visit(rect: Rect, gap: number, cell: (key: number) => boolean): boolean {
    const x0 = Math.floor((rect.x - gap) / CELL)
    const x1 = Math.floor((rect.x + rect.width + gap) / CELL)
    const y0 = Math.floor((rect.y - gap) / CELL)
    const y1 = Math.floor((rect.y + rect.height + gap) / CELL)
    // Cells off a chart of any real size are still distinct keys: rows are 2^20 cells apart.
    for (let i = x0; i <= x1; i++) for (let j = y0; j <= y1; j++) if (cell(i * 1_048_576 + j)) return true
    return false
  }
}

/** Each point's box in pixels, for `createLabelPlacer`: `toPixel` maps data to the chart (ECharts' convertToPixel). */
export function pointBoxes(points: readonly { x: number; y: number }[], toPixel: (value: [number, number]) => readonly number[], size: number): Rect[] {
  return points.map((p) => {
    const [x = Number.NaN, y = Number.NaN] = toPixel([p.x, p.y])
    return { x: x - size / 2, y: y - size / 2, width: size, height: size }
  })
}

export interface LabelPlacer {
  /** The series' labelLayout callback. */
  readonly place: (params: LabelLayoutParams) => LabelPlacement
  /** Labels of the latest layout that found no free spot (and so are hidden). */
  hidden(): number
}

/**
 * `pointBoxes` gives every point's box in pixels when a layout begins, so that a label avoids
 * the points of labels placed after it too; without it only earlier points are avoided.
 */
export function createLabelPlacer(pointBoxes?: () => readonly Rect[]): LabelPlacer {
  let seen = new Set<number | undefined>()
  let labels = new RectIndex()
  let points = new RectIndex()
  let unplaced = 0

  function begin(): void {
    seen = new Set()
    labels = new RectIndex()
    points = new RectIndex()
    unplaced = 0
    for (const box of pointBoxes?.() ?? []) points.add(box)
  }

  function place({ dataIndex, rect: point, labelRect }: LabelLayoutParams): LabelPlacement {
    if (seen.size === 0 || seen.has(dataIndex)) begin()
    seen.add(dataIndex)
    if (!pointBoxes) points.add(point)
    let chosen: { offset: { dx: number; dy: number }; rect: Rect } | null = null
    for (const offset of spots(point, labelRect)) {
      const rect = { x: labelRect.x + offset.dx, y: labelRect.y + offset.dy, width: labelRect.width, height: labelRect.height }
      if (labels.hits(rect, GAP)) continue
      // Every spot lies outside the label's own point, so any point it covers is another word's.
      const clear = !points.hits(rect, 0)
      if (clear || !chosen) chosen = { offset, rect }
      if (clear) break
    }
    if (!chosen) {
      unplaced++
      return { dx: 0, dy: 0, hideOverlap: true }
    }
    labels.add(chosen.rect)
    return { ...chosen.offset, hideOverlap: true }
  }

  return { place, hidden: () => unplaced }
}
