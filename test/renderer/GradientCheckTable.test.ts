// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import type { GradientCheckRow } from '../../src-main/core/contract/trainerResults'
import GradientCheckTable from '../../src-renderer/src/components/GradientCheckTable.vue'

const ROWS: GradientCheckRow[] = [
  {
    name: 'skipgram · negSampling', problem: 'dummy', passed: true, maxRelError: 3.2e-10, threshold: 1e-5, loss: 12.3,
    parameters: [
      { name: 'centerWordVectors', count: 15, maxRelError: 3.2e-10, threshold: 1e-5, passed: true, worst: [{ index: 7, row: 2, col: 2, analytic: 0.125, numerical: 0.1250000001, relError: 3.2e-10 }] },
      { name: 'outsideVectors', count: 15, maxRelError: 1.1e-10, threshold: 1e-5, passed: true, worst: [] },
    ],
  },
  {
    name: 'cbow · naiveSoftmax', problem: 'corpus', passed: false, maxRelError: 0.02, threshold: 1e-5, loss: 8,
    parameters: [{ name: 'outsideVectors', count: 40, maxRelError: 0.02, threshold: 1e-5, passed: false, worst: [] }],
  },
]

describe('GradientCheckTable', () => {
  it('has one row per check with its pass state, errors in scientific notation and counts', () => {
    const table = mount(GradientCheckTable, { props: { rows: ROWS } })
    const rows = table.findAll('[data-testid="gradcheck-row"]')
    expect(rows.map((r) => r.attributes('data-passed'))).toEqual(['true', 'false'])
    const first = rows[0]!.findAll('td').map((td) => td.text())
    expect(first).toEqual(['all', '30', '3.20e-10', '1.00e-5', 'pass'])
    expect(rows[1]!.text()).toContain('fail')
    expect(table.text()).toContain('centerWordVectors')
    expect(table.text()).not.toContain('1.250000e-1')
  })

  it('expands a check to show its worst coordinates, analytic against numerical', async () => {
    const table = mount(GradientCheckTable, { props: { rows: ROWS } })
    const toggle = table.findAll('[data-testid="gradcheck-row"] button')[0]!
    expect(toggle.attributes('aria-expanded')).toBe('false')
    await toggle.trigger('click')
    expect(toggle.attributes('aria-expanded')).toBe('true')
    const coordinates = table.get('table.coordinates tbody tr').findAll('td').map((td) => td.text())
    expect(coordinates).toEqual(['2', '2', '1.250000e-1', '1.250000e-1', '3.20e-10'])
    expect(table.text()).toContain('No coordinates were recorded for outsideVectors.')
  })
})
