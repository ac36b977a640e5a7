import { describe, expect, it } from 'vitest'
import { checkRow } from './chartFixtures'
import { barValue, distinctThresholds, formatRelError, gradientErrorRows, log10Range } from '../../../src-renderer/src/charts/gradientCheckRows'

describe('gradient-check error rows', () => {
  const rows = gradientErrorRows([
    checkRow('skipgram / negSampling', 'dummy', [['centerWordVectors', 3.2e-10, 1e-5], ['outsideVectors', 2e-4, 1e-5]]),
    checkRow('sigmoid', 'random', [['x', 0, 1e-7]]),
  ])

  it('makes one row per check and parameter block, with log10 of the error and the threshold', () => {
    expect(rows.map((r) => r.label)).toEqual([
      'centerWordVectors · skipgram / negSampling (dummy)',
      'outsideVectors · skipgram / negSampling (dummy)',
      'x · sigmoid (random)',
    ])
    expect(rows[0]!.log10Error).toBeCloseTo(Math.log10(3.2e-10))
    expect(rows[0]!.log10Threshold).toBeCloseTo(-5)
    expect(rows.map((r) => r.passed)).toEqual([true, false, true])
    expect(rows[2]!.log10Error).toBe(-Infinity)
  })

  it('starts the axis a power of ten below every value and places an exact 0 on the floor', () => {
    const range = log10Range(rows)
    expect(range).toEqual({ floor: -11, ceiling: -2 })
    expect(barValue(rows[0]!, range)).toBeCloseTo(-9.49, 2)
    expect(barValue(rows[2]!, range)).toBe(-11)
  })

  it('holds an infinite error at the ceiling and leaves a NaN undrawn', () => {
    const [inf, nan] = gradientErrorRows([checkRow('cbow', 'corpus', [['U', Infinity, 1e-4], ['V', Number.NaN, 1e-4]])])
    const range = log10Range([inf!, nan!])
    expect(barValue(inf!, range)).toBe(range.ceiling)
    expect(barValue(nan!, range)).toBeNull()
  })

  it('writes errors in scientific notation, an exact 0 as 0', () => {
    expect(formatRelError(3.21e-10)).toBe('3.2e-10')
    expect(formatRelError(0)).toBe('0')
  })

  it('draws each distinct threshold once', () => {
    expect(distinctThresholds(rows)).toEqual([1e-5, 1e-7])
  })
})
