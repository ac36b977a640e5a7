import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { trainBlocker } from '../../src-renderer/src/composables/session'
import { useHyperparametersStore } from '../../src-renderer/src/stores/hyperparameters'
import { installFakeW2v, startFakeSession } from './fakeW2v'

describe('hyperparameters store', () => {
  let disconnect: (() => void) | null = null
  beforeEach(() => {
    setActivePinia(createPinia())
    installFakeW2v()
  })
  afterEach(() => {
    disconnect?.()
    vi.unstubAllGlobals()
  })

  it('starts on Quick look, valid, and Train is enabled once a corpus is loaded', async () => {
    const form = useHyperparametersStore()
    expect(form.preset).toBe('quick')
    expect(form.text.dim).toBe('50')
    expect(form.valid).toBe(true)
    expect(trainBlocker()).toBe('Load a corpus first.')
    disconnect = await startFakeSession()
    expect(trainBlocker()).toBeNull()
  })

  it('validates as you type and disables Train while a field is invalid', async () => {
    disconnect = await startFakeSession()
    const form = useHyperparametersStore()
    form.setText('dim', '0')
    expect(form.errorFor('dim')).toBe('The dimension must be a whole number from 1 to 2000, not 0.')
    expect(form.valid).toBe(false)
    expect(trainBlocker()).toBe('Fix the hyperparameters marked in red first.')
    form.setText('dim', '')
    expect(form.errorFor('dim')).toBe('The dimension needs a number.')
    form.setText('dim', '64')
    expect(form.errorFor('dim')).toBeNull()
    expect(trainBlocker()).toBeNull()
    expect(form.modified).toBe(true)
  })

  it('applies a preset and judges the fields of its schedule', () => {
    const form = useHyperparametersStore()
    form.applyPreset('cs224n')
    expect(form.choices.schedule).toBe('cs224n')
    expect(form.text.step).toBe('0.3')
    form.setText('iterations', '0')
    expect(form.errorFor('iterations')).toBe('The number of iterations must be a whole number from 1 to 1,000,000,000, not 0.')
    form.setText('epochs', 'x')
    expect(form.errorFor('epochs')).toBeNull()
    form.applyPreset('word2vec')
    expect(form.valid).toBe(true)
    expect(form.modified).toBe(false)
  })

  it('shows warnings, the vocabulary the minCount keeps and the memory estimate from the loaded corpus', async () => {
    disconnect = await startFakeSession()
    const form = useHyperparametersStore()
    expect(form.kept).toEqual({ vocabSize: 4900, coverage: 0.93, exact: true })
    expect(form.memoryBytes).toBeGreaterThan(2 * 4900 * 52 * 4)
    form.setChoice('loss', 'naiveSoftmax')
    expect(form.warnings).toEqual([])
    form.setText('minCount', '1')
    expect(form.warnings[0]).toMatch(/^Naive softmax touches all 17,000 words/)
    form.setText('minCount', '7')
    expect(form.kept).toEqual({ vocabSize: 4900, coverage: 0.93, exact: false })
  })
})
