import { describe, expect, it } from 'vitest'
import { buildVocabulary, rawCorpusFromText } from '../../../src-main/core/corpus/index'
import { COURSE_PRESET } from '../../../src-main/core/settings/trainingSettings'
import { TrainingMemoryError } from '../../../src-main/core/training/trainingErrors'
import { CourseRunner } from '../../../src-main/node/training/courseRunner'
import { availableMemory } from '../../../src-main/node/training/machineMemory'

describe('CourseRunner.create', () => {
  const { vocabulary } = buildVocabulary(rawCorpusFromText('the cat sat on the mat\nthe dog sat on the log\n'), { minCount: 1 })

  it('refuses a corpus the machine cannot hold before decoding it', () => {
    let decoded = false
    // Kept tokens at 4 bytes each: more than this machine has free.
    const tokens = Math.ceil(availableMemory() / 4) + 1
    const create = () => CourseRunner.create(() => {
      decoded = true
      throw new Error('decoded a corpus too big for memory')
    }, { tokens, sentences: 1 }, vocabulary, { ...COURSE_PRESET, dim: 4 })
    expect(create).toThrow(TrainingMemoryError)
    expect(decoded).toBe(false)
  })
})
