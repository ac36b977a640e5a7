// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { presetHyperparameters, startSettings } from '../../src-main/core/contract/settingsValidation'
import TrainingRunHistory from '../../src-renderer/src/components/TrainingRunHistory.vue'
import { type FakeW2v, installFakeW2v, runInfo, startFakeSession } from './fakeW2v'

const { settings: course, vocabulary } = startSettings(presetHyperparameters('cs224n', 1))

/** A finished course run of this loss, with a final exploss of 8. */
function courseRun(runId: string, number: number, loss: 'negSampling' | 'naiveSoftmax' | 'hierarchicalSoftmax') {
  const settings = { ...course, config: { ...course.config, loss } } as typeof course
  return runInfo(runId, { number, schedule: 'cs224n', settings, vocabulary, outcome: 'finished', fraction: 1, finalLoss: 8 })
}

describe('TrainingRunHistory', () => {
  let fake: FakeW2v
  let disconnect: () => void
  beforeEach(async () => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
    disconnect = await startFakeSession()
  })
  afterEach(() => {
    disconnect()
    vi.unstubAllGlobals()
  })

  it('shows run.py’s sanity check under the course runs it speaks of: skip-gram with negative sampling only', async () => {
    const history = mount(TrainingRunHistory)
    fake.emitPhase('finished', courseRun('run-1', 1, 'negSampling'))
    fake.emitPhase('finished', courseRun('run-2', 2, 'hierarchicalSoftmax'))
    fake.emitPhase('finished', courseRun('run-3', 3, 'naiveSoftmax'))
    await history.vm.$nextTick()
    const items = history.findAll('[data-testid="run-item"]')
    expect(items).toHaveLength(3)
    // Newest first.
    const checks = items.map((item) => item.find('[data-testid="course-sanity-check"]'))
    expect(checks.map((c) => c.exists())).toEqual([false, false, true])
    expect(checks[2]!.text()).toBe('Course check: at or below 10, as run.py\'s sanity check asks.')
    history.unmount()
  })
})
