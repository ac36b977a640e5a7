import { describe, expect, it } from 'vitest'
import { continuedSettings } from '../../../src-main/core/settings/continuedSettings'
import { type ScheduleSettings, word2vecDefaults } from '../../../src-main/core/settings/trainingSettings'
import { TrainingConfigError } from '../../../src-main/core/training/trainingErrors'

const saved: ScheduleSettings = { schedule: 'word2vec', config: { ...word2vecDefaults('skipgram', 4), dim: 50, epochs: 5, alpha: 0.025, minAlpha: 0.0001 } }

describe('a continued run’s settings', () => {
  it('keeps the saved run’s when nothing is given', () => {
    expect(continuedSettings(saved, {})).toEqual(saved)
  })

  it('takes its own epochs, learning rates and threads, and nothing that shapes the model', () => {
    const next = continuedSettings(saved, { epochs: 2, alpha: 0.01, minAlpha: 0.001, threads: 1 })
    expect(next).toEqual({ schedule: 'word2vec', config: { ...saved.config, epochs: 2, alpha: 0.01, minAlpha: 0.001, threads: 1 } })
    // Whatever else an object carries is not read.
    expect(continuedSettings(saved, { dim: 300 } as never)).toEqual(saved)
  })

  it('lowers the final rate with a lower starting rate given alone, as a fresh run does', () => {
    const next = continuedSettings(saved, { alpha: 0.00005 })
    expect(next.config).toMatchObject({ alpha: 0.00005, minAlpha: 0.00005 })
  })

  it('refuses what the form refuses, with the form’s sentence', () => {
    let error: unknown
    try {
      continuedSettings(saved, { alpha: 0.001, minAlpha: 0.01 })
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(TrainingConfigError)
    expect((error as TrainingConfigError).field).toBe('minAlpha')
    expect(() => continuedSettings(saved, { epochs: 0 })).toThrow(TrainingConfigError)
  })

  it('leaves a course run as it is (only word2vec runs continue)', () => {
    const course = { schedule: 'cs224n', config: {} } as unknown as ScheduleSettings
    expect(continuedSettings(course, { epochs: 9 })).toBe(course)
  })
})
