import { describe, expect, it } from 'vitest'
import { courseSanityCheck, courseSanityCheckApplies } from '../../src-main/core/contract/courseSanityCheck'
import { presetHyperparameters, startSettings } from '../../src-main/core/contract/settingsValidation'
import type { ScheduleSettings } from '../../src-main/core/settings/trainingSettings'

const course = startSettings(presetHyperparameters('cs224n', 1)).settings
const word2vec = startSettings(presetHyperparameters('word2vec', 1)).settings

function withObjective(settings: ScheduleSettings, objective: Partial<ScheduleSettings['config']>): ScheduleSettings {
  return { ...settings, config: { ...settings.config, ...objective } } as ScheduleSettings
}

describe('run.py’s sanity check', () => {
  it('speaks of course runs of skip-gram with negative sampling, as run.py trains, and of nothing else', () => {
    expect(course.schedule).toBe('cs224n')
    expect(courseSanityCheckApplies(course)).toBe(true)
    expect(courseSanityCheckApplies(withObjective(course, { loss: 'hierarchicalSoftmax' }))).toBe(false)
    expect(courseSanityCheckApplies(withObjective(course, { loss: 'naiveSoftmax' }))).toBe(false)
    expect(courseSanityCheckApplies(withObjective(course, { model: 'cbow' }))).toBe(false)
    expect(courseSanityCheckApplies(word2vec)).toBe(false)
  })

  it('is met at 10 and below', () => {
    expect(courseSanityCheck(10).met).toBe(true)
    expect(courseSanityCheck(10.01)).toMatchObject({ met: false, sentence: expect.stringContaining('above 10') })
  })
})
