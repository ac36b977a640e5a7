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

/**
 * What ECharts tells the callback of one label, in pixels: its point's box and its own box. Only
 * the label's size is used: its position is where the previous layout left it.
 */
export interface LabelLayoutParams {
  readonly dataIndex?: number
  readonly rect: Rect
  readonly labelRect: Rect
}

/**
 * What the callback answers: the label's top-left corner in pixels. An absolute place, not an
 * offset: ECharts checks overlaps before it applies offsets, with the labels where the previous
 * layout left them, but it moves a label given x and y at once.
 */
export interface LabelPlacement {
  readonly x: number
  readonly y: number
  readonly align: 'left'
  readonly verticalAlign: 'top'
  readonly hideOverlap: true
}

/** Pixels between a point and its label (the series' label.distance). */
export const LABEL_DISTANCE = 5
/** Room kept between two labels where there is room for it. */
const GAP = 2
/** How far two labels must overlap before ECharts' hideOverlap counts it (its touchThreshold). */
const TOUCH = 0.05
/** Grid cell of the index of placed labels, about one short word wide. */
const CELL = 64

/**
 * The eight spots for a label of `size` around `point`: right of it on its row (ECharts' own
 * place, so the first), left, centred above and below the row, then the four corners.
 */
function spots(point: Rect, size: Rect): Rect[] {
  const { width, height } = size
  const rowY = point.y + point.height / 2 - height / 2
  const rightX = point.x + point.width + LABEL_DISTANCE
  const leftX = point.x - LABEL_DISTANCE - width
  const centreX = point.x + point.width / 2 - width / 2
  const aboveY = Math.min(point.y, rowY) - height - GAP
  const belowY = Math.max(point.y + point.height, rowY + height) + GAP
  const at = (x: number, y: number): Rect => ({ x, y, width, height })
  return [
    at(rightX, rowY), at(leftX, rowY), at(centreX, aboveY), at(centreX, belowY),
    at(rightX, aboveY), at(rightX, belowY), at(leftX, aboveY), at(leftX, belowY),
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
function answer(rect: Rect): LabelPlacement {
  return { x: rect.x, y: rect.y, align: 'left', verticalAlign: 'top', hideOverlap: true }
}

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

  function place({ dataIndex, rect: point, labelRect: size }: LabelLayoutParams): LabelPlacement {
    if (seen.size === 0 || seen.has(dataIndex)) begin()
    seen.add(dataIndex)
    if (!pointBoxes) points.add(point)
    const candidates = spots(point, size)
    // Every spot lies outside the label's own point, so any point it covers is another word's.
    const chosen = candidates.find((rect) => !labels.hits(rect, GAP) && !points.hits(rect, 0))
      ?? candidates.find((rect) => !labels.hits(rect, GAP))
      // Crowded: a spot that only touches a label still shows whole.
      ?? candidates.find((rect) => !labels.hits(rect, -TOUCH))
    if (!chosen) {
      // Left on ECharts' own spot, over a label placed before it, where hideOverlap hides it.
      unplaced++
      return answer(candidates[0]!)
    }
    labels.add(chosen)
    return answer(chosen)
  }

  return { place, hidden: () => unplaced }
}
