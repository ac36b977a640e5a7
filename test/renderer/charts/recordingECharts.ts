/**
 * A stand-in for echarts/core's `init` in component tests: it creates a real chart (SVG
 * renderer, server-side mode, so no canvas is needed) and records what the component asks of it.
 * Use with
 *   vi.mock('echarts/core', async (importOriginal) => (await import('./recordingECharts')).recordingCore(await importOriginal()))
 */
import type * as Core from 'echarts/core'
import type { EChartsType } from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import type { ChartOption } from '../../../src-renderer/src/charts/echartsSetup'

export interface RecordedChart {
  readonly chart: EChartsType
  readonly initTheme: unknown
  readonly setOptions: { option: ChartOption; opts: unknown }[]
  readonly themes: unknown[]
  resizes: number
}

export const recorded: RecordedChart[] = []

export function recordingCore(original: typeof Core): typeof Core {
  original.use(SVGRenderer)
  const init = (_dom: unknown, theme?: string | object | null): EChartsType => {
    const chart = original.init(null, theme, { renderer: 'svg', ssr: true, width: 800, height: 500 })
    const record: RecordedChart = { chart, initTheme: theme, setOptions: [], themes: [], resizes: 0 }
    const setOption = chart.setOption.bind(chart) as (option: ChartOption, opts?: unknown) => void
    chart.setOption = ((option: ChartOption, opts?: unknown) => {
      record.setOptions.push({ option, opts })
      setOption(option, opts)
    }) as EChartsType['setOption']
    const setTheme = chart.setTheme.bind(chart)
    chart.setTheme = (theme, opts) => {
      record.themes.push(theme)
      setTheme(theme, opts)
    }
    // Server-side charts have a fixed size; count the calls instead.
    chart.resize = () => void record.resizes++
    recorded.push(record)
    return chart
  }
  return { ...original, init: init as typeof original.init }
}

/** The last chart created. */
export function lastChart(): RecordedChart {
  const chart = recorded.at(-1)
  if (!chart) throw new Error('No chart was created.')
  return chart
}

/** Resolves after the next animation frame (when the charts draw). */
export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()))
}

/** A matchMedia whose answers the test sets and changes. */
export function fakeMatchMedia(initial: Record<string, boolean>) {
  const state = { ...initial }
  const listeners = new Map<string, Set<(event: { matches: boolean }) => void>>()
  const matchMedia = (query: string) => ({
    media: query,
    get matches() {
      return state[query] ?? false
    },
    addEventListener: (_type: 'change', listener: (event: { matches: boolean }) => void) => {
      if (!listeners.has(query)) listeners.set(query, new Set())
      listeners.get(query)!.add(listener)
    },
    removeEventListener: (_type: 'change', listener: (event: { matches: boolean }) => void) => void listeners.get(query)?.delete(listener),
  })
  return {
    matchMedia,
    set(query: string, matches: boolean) {
      state[query] = matches
      listeners.get(query)?.forEach((listener) => listener({ matches }))
    },
    listenerCount: (query: string) => listeners.get(query)?.size ?? 0,
  }
}

export const DARK_QUERY = '(prefers-color-scheme: dark)'
export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)'
