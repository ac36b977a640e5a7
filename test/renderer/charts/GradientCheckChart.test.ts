// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it, vi } from 'vitest'
import { nextTick } from 'vue'
import GradientCheckChart from '../../../src-renderer/src/charts/GradientCheckChart.vue'
import { LIGHT_PALETTE } from '../../../src-renderer/src/charts/chartPalette'
import { ERROR_AXIS_NAME } from '../../../src-renderer/src/charts/gradientCheckOption'
import { checkRow } from './chartFixtures'
import { lastChart, nextFrame } from './recordingECharts'

vi.mock('echarts/core', async (importOriginal) => (await import('./recordingECharts')).recordingCore(await importOriginal()))

type Model = { series: { data: { value: number; itemStyle: { color: string } }[]; markLine: { data: { xAxis: number }[] } }[]; yAxis: { data: string[] }[]; xAxis: { name: string }[] }

describe('GradientCheckChart', () => {
  it('draws a bar per parameter block against the threshold line, and replaces them on a new run', async () => {
    const rows = [
      checkRow('skipgram / negSampling', 'dummy', [['centerWordVectors', 4e-10, 1e-5], ['outsideVectors', 3e-3, 1e-5]]),
      checkRow('sigmoid', 'random', [['x', 1e-11, 1e-5]]),
    ]
    const wrapper = mount(GradientCheckChart, { props: { rows }, attachTo: document.body })
    await nextTick()
    await nextFrame()
    let model = lastChart().chart.getOption() as Model
    expect(model.series[0]!.data.map((d) => d.itemStyle.color)).toEqual([LIGHT_PALETTE.passed, LIGHT_PALETTE.failed, LIGHT_PALETTE.passed])
    expect(model.series[0]!.data[1]!.value).toBeCloseTo(Math.log10(3e-3))
    expect(model.series[0]!.markLine.data.map((d) => d.xAxis)).toEqual([-5])
    expect(model.xAxis[0]!.name).toBe(ERROR_AXIS_NAME)
    expect(model.yAxis[0]!.data).toHaveLength(3)
    expect(lastChart().chart.renderToSVGString()).toContain('threshold 1e-5')
    expect(wrapper.attributes('aria-label')).toBe('Gradient check chart: 2 of 3 parameter blocks pass')
    expect(wrapper.attributes('style')).toContain('min-height: 160px')

    const many = Array.from({ length: 10 }, (_, i) => checkRow(`check ${i}`, 'corpus', [['U', 1e-8, 1e-4], ['V', 1e-9, 1e-4]]))
    await wrapper.setProps({ rows: many })
    await nextFrame()
    model = lastChart().chart.getOption() as Model
    expect(model.yAxis[0]!.data).toHaveLength(20)
    expect(model.series[0]!.markLine.data.map((d) => d.xAxis)).toEqual([-4])
    expect(model.series[0]!.data.every((d) => d.itemStyle.color === LIGHT_PALETTE.passed)).toBe(true)
    // Twenty rows need more room than three: the chart grows with them.
    expect(wrapper.attributes('style')).toContain(`min-height: ${72 + 24 * 20}px`)
    expect(wrapper.attributes('aria-label')).toBe('Gradient check chart: 20 of 20 parameter blocks pass')
    wrapper.unmount()
  })
})
