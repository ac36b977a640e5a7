import { describe, expect, it } from 'vitest'
import { checkFixture } from '../../src-main/cli/fixtureCheck'
import { readReferenceFixture } from '../support/sharedData'

const fixture = readReferenceFixture()

describe('float64 core against the CS224n reference fixture', () => {
  it('covers every function the fixture records', () => {
    const kinds = new Set(fixture.cases.map((c) => c.kind))
    expect([...kinds].sort()).toEqual(['cbow', 'naiveSoftmaxLossAndGradient', 'negSamplingLossAndGradient', 'sigmoid', 'skipgram', 'softmax'])
  })

  it.each(fixture.cases.map((c, index) => ({ index, kind: c.kind as string, c })))('case $index ($kind) within 1e-9 relative', ({ c }) => {
    const report = checkFixture({ cases: [c] })
    expect(report.cases[0]!.maxRelError).toBeLessThan(1e-9)
  })

  it('notices a wrong reference value', () => {
    const tampered = structuredClone(fixture.cases.find((c) => c.kind === 'skipgram')!)
    ;(tampered.gradOutsideVectors as number[][])[1]![2]! *= 1 + 1e-6
    expect(checkFixture({ cases: [tampered] }).worstRelError).toBeGreaterThan(1e-7)
  })
})
