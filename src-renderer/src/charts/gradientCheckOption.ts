/**
 * The gradient-check chart as an ECharts option: one horizontal bar per check and parameter
 * block, its length log10 of the worst relative error, green when it passes and red when not,
 * against the threshold drawn as a dashed line.
 */
import type { GradientCheckRow } from '@contract/trainerResults'
import { format } from 'echarts/core'
import type { ChartPalette } from './chartPalette'
import type { ChartOption } from './echartsSetup'
import { barValue, distinctThresholds, formatRelError, gradientErrorRows, log10Range, type GradientErrorRow } from './gradientCheckRows'

export const ERROR_AXIS_NAME = 'log10(max relative error)'

export function buildGradientCheckOption(checks: readonly GradientCheckRow[], palette: ChartPalette): ChartOption {
  const rows = gradientErrorRows(checks)
  const range = log10Range(rows)
  const thresholds = distinctThresholds(rows)
  // Several threshold lines sit a decade or so apart: their labels must stay short to not collide.
  const thresholdName = (t: number) => (thresholds.length === 1 ? `threshold ${t.toExponential(0)}` : t.toExponential(0))
  return {
    backgroundColor: 'transparent',
    animation: false,
    textStyle: { color: palette.text },
    grid: { left: 12, right: 56, top: 28, bottom: 44, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    tooltip: { trigger: 'item', formatter: (params) => gradientTooltip(rows[(params as { dataIndex: number }).dataIndex]) },
    xAxis: {
      type: 'value',
      name: ERROR_AXIS_NAME,
      nameLocation: 'middle',
      nameGap: 28,
      nameTextStyle: { color: palette.mutedText },
      min: range.floor,
      max: range.ceiling,
      // Bars grow from the floor: a longer bar is a larger error, and passing bars stay left of the line.
      startValue: range.floor,
      interval: range.ceiling - range.floor > 12 ? 2 : 1,
      axisLabel: { color: palette.mutedText },
      axisLine: { show: true, lineStyle: { color: palette.axisLine } },
      splitLine: { lineStyle: { color: palette.splitLine } },
    },
    yAxis: {
      type: 'category',
      // The first check on top, as in the table beside the chart.
      inverse: true,
      data: rows.map((r) => r.label),
      axisLabel: { color: palette.text, width: 300, overflow: 'truncate', interval: 0 },
      axisLine: { lineStyle: { color: palette.axisLine } },
      axisTick: { show: false },
    },
    series: [
      {
        id: 'errors',
        type: 'bar',
        barMaxWidth: 14,
        // The error itself at the end of the bar; an exact 0 has no length to show otherwise.
        label: { show: true, position: 'right', color: palette.mutedText, fontSize: 11, formatter: (p) => (rows[p.dataIndex] ? formatRelError(rows[p.dataIndex]!.maxRelError) : '') },
        data: rows.map((r) => ({ value: barValue(r, range), itemStyle: { color: r.passed ? palette.passed : palette.failed } })),
        markLine: {
          silent: true,
          symbol: ['none', 'none'],
          animation: false,
          lineStyle: { color: palette.threshold, type: 'dashed', width: 1.5 },
          // The category axis runs top-down, so the line's start is its top.
          label: { formatter: '{b}', color: palette.threshold, position: 'start' },
          data: thresholds.map((t) => ({ xAxis: Math.log10(t), name: thresholdName(t) })),
        },
      },
    ],
  }
}

function gradientTooltip(row: GradientErrorRow | undefined): string {
  if (!row) return ''
  const verdict = row.passed ? 'passed' : 'failed'
  return [
    `<b>${format.encodeHTML(row.check)}</b> (${format.encodeHTML(row.problem)})`,
    `${format.encodeHTML(row.block)}: ${row.count} coordinates`,
    `max relative error ${formatRelError(row.maxRelError)} (threshold ${row.threshold.toExponential(0)}): ${verdict}`,
  ].join('<br/>')
}
