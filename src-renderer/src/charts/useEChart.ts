/**
 * A thin ECharts wrapper: one chart on one element, resized with its container, re-themed with
 * the system, disposed with the component. Components build options themselves and call
 * `setOption` from their own frame scheduler; this owns only the chart's lifetime.
 */
import { init, type EChartsType } from 'echarts/core'
import { computed, onBeforeUnmount, onMounted, shallowRef, watch, type ComputedRef, type ShallowRef } from 'vue'
import { paletteFor, type ChartPalette } from './chartPalette'
import { createFrameScheduler } from './frameScheduler'
import { usePrefersDark } from './mediaQueries'
import './echartsSetup'

export interface EChartHandle {
  /** Null before mount and after unmount. */
  readonly chart: ShallowRef<EChartsType | null>
  readonly palette: ComputedRef<ChartPalette>
}

export function useEChart(target: Readonly<ShallowRef<HTMLElement | null>>): EChartHandle {
  const dark = usePrefersDark()
  const palette = computed(() => paletteFor(dark.value))
  const chart = shallowRef<EChartsType | null>(null)
  const resize = createFrameScheduler(() => chart.value?.resize())
  let observer: ResizeObserver | null = null
  let appliedTheme: string | null = null

  onMounted(() => {
    const element = target.value
    if (!element) return
    appliedTheme = palette.value.echartsTheme
    const instance = init(element, appliedTheme, { renderer: 'canvas' })
    // A double click undoes zoom and pan: the inside dataZoom has no button of its own.
    instance.getZr().on('dblclick', () => instance.dispatchAction({ type: 'dataZoom', start: 0, end: 100 }))
    if (typeof ResizeObserver === 'function') {
      observer = new ResizeObserver(() => resize.schedule())
      observer.observe(element)
    }
    chart.value = instance
  })

  watch(palette, (next) => {
    const instance = chart.value
    if (!instance || appliedTheme === next.echartsTheme) return
    appliedTheme = next.echartsTheme
    // setTheme re-creates the components, zoom included: keep the user's zoom across the switch.
    const zoom = currentZoom(instance)
    instance.setTheme(next.echartsTheme)
    zoom.forEach((range, dataZoomIndex) => instance.dispatchAction({ type: 'dataZoom', dataZoomIndex, ...range }))
  })

  onBeforeUnmount(() => {
    resize.cancel()
    observer?.disconnect()
    chart.value?.dispose()
    chart.value = null
  })

  return { chart, palette }
}

function currentZoom(instance: EChartsType): { start: number; end: number }[] {
  // getOption() is undefined until the first setOption.
  const dataZoom = (instance.getOption() as { dataZoom?: unknown } | undefined)?.dataZoom
  if (!Array.isArray(dataZoom)) return []
  return dataZoom.map((z: { start?: number; end?: number }) => ({ start: z.start ?? 0, end: z.end ?? 100 }))
}
