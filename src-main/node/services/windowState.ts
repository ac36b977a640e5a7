/**
 * Where the main window was and how big, kept in `window-state.json`, and where to put it next
 * time: on the display it was on if that display is still there, otherwise on the primary one,
 * always fully inside a work area (a monitor unplugged since last time must not leave the
 * window off screen).
 */
import { join } from 'node:path'
import * as v from 'valibot'
import { JsonFile } from './jsonFile'
import type { Logger } from './logger'

export interface Rectangle {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

const integer = v.pipe(v.number(), v.integer())
const size = v.pipe(integer, v.minValue(1), v.maxValue(100_000))
const WindowStateSchema = v.strictObject({
  bounds: v.strictObject({ x: integer, y: integer, width: size, height: size }),
  maximized: v.boolean(),
})
export type WindowState = v.InferOutput<typeof WindowStateSchema>

export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 } as const

/** Part of the window that must overlap a work area for that display to count as "still there". */
const MIN_VISIBLE = { width: 100, height: 50 }

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  }
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high)
}

/**
 * The bounds to open the window with. `workAreas` are the displays' work areas (without task
 * bar and menu bar), the primary display first.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rectangle[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE }
  const wanted = saved?.bounds ?? { x: 0, y: 0, ...DEFAULT_WINDOW_SIZE }
  let area: Rectangle | undefined
  let best = 0
  for (const candidate of workAreas) {
    const o = overlap(wanted, candidate)
    if (o.width >= Math.min(MIN_VISIBLE.width, wanted.width) && o.height >= Math.min(MIN_VISIBLE.height, wanted.height) && o.width * o.height > best) {
      area = candidate
      best = o.width * o.height
    }
  }
  const target = saved && area ? area : primary
  const width = Math.min(wanted.width, target.width)
  const height = Math.min(wanted.height, target.height)
  // A window that stays on its display keeps its place; a moved one is centred.
  const x = saved && area ? clamp(wanted.x, target.x, target.x + target.width - width) : target.x + Math.round((target.width - width) / 2)
  const y = saved && area ? clamp(wanted.y, target.y, target.y + target.height - height) : target.y + Math.round((target.height - height) / 2)
  return { bounds: { x, y, width, height }, maximized: saved?.maximized ?? false }
}

export class WindowStateStore {
  private readonly file: JsonFile<typeof WindowStateSchema>

  constructor(folder: string, log: Logger) {
    this.file = new JsonFile(join(folder, 'window-state.json'), WindowStateSchema, 'window position', log)
  }

  load(): Promise<WindowState | null> {
    return this.file.read()
  }

  save(state: WindowState): Promise<void> {
    const { x, y, width, height } = state.bounds
    return this.file.write({ bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) }, maximized: state.maximized })
  }
}
