import { describe, expect, it } from 'vitest'
import { COURSE_PRESET, word2vecDefaults } from '../../src-main/core/settings/trainingSettings'
import { describeSettings } from '../../src-renderer/src/composables/runDescription'

describe('describeSettings', () => {
  it('names the sub-sampling, and the course’s when a course run uses it', () => {
    expect(describeSettings({ schedule: 'cs224n', config: COURSE_PRESET }, 1)).toBe(
      'skip-gram · negative sampling (K=10) · d=10 · window 5 · sample 1.00e-5 (course) · 40,000 iterations of 50 · step 0.3 (sgd) · minCount 1',
    )
    expect(describeSettings({ schedule: 'cs224n', config: { ...COURSE_PRESET, subsampling: 'word2vec' } }, 1)).toContain('· sample 1.00e-5 ·')
    expect(describeSettings({ schedule: 'word2vec', config: { ...word2vecDefaults(), sample: 0 } }, 5)).toContain('· no sub-sampling ·')
  })

  it('names each loss, and K only for negative sampling', () => {
    const of = (loss: 'naiveSoftmax' | 'hierarchicalSoftmax') => describeSettings({ schedule: 'word2vec', config: { ...word2vecDefaults(), loss } }, 5)
    expect(of('naiveSoftmax')).toContain('skip-gram · naive softmax · d=100')
    expect(of('hierarchicalSoftmax')).toContain('skip-gram · hier. softmax · d=100')
  })
})
