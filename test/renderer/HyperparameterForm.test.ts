// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { SETTING_RULES } from '../../src-main/core/settings/settingRules'
import HyperparameterForm from '../../src-renderer/src/components/HyperparameterForm.vue'
import TrainingBar from '../../src-renderer/src/components/TrainingBar.vue'
import { installFakeW2v, startFakeSession } from './fakeW2v'

const SHARED = ['schedule', 'model', 'loss', 'dim', 'window', 'negatives', 'minCount', 'sample', 'seed']
const WORD2VEC = ['alpha', 'minAlpha', 'epochs', 'threads']
const CS224N = ['step', 'iterations', 'batch', 'annealEvery', 'optimizer']

describe('HyperparameterForm', () => {
  beforeEach(async () => {
    const pinia = createPinia()
    setActivePinia(pinia)
    installFakeW2v()
    await startFakeSession()
  })

  function mountBoth() {
    const form = mount(HyperparameterForm, { attachTo: document.body })
    const bar = mount(TrainingBar)
    return { form, bar }
  }

  it('labels every field and keeps it reachable by keyboard', () => {
    const { form } = mountBoth()
    for (const name of [...SHARED, ...WORD2VEC]) {
      const input = form.get(`[data-testid="field-${name}"]`)
      const id = input.attributes('id')!
      expect(form.find(`label[for="${id}"]`).text().length, name).toBeGreaterThan(0)
      expect(input.attributes('tabindex'), name).toBeUndefined()
    }
    expect(form.get('[data-testid="preset-select"]').findAll('option').map((o) => o.attributes('value'))).toEqual(['word2vec', 'cs224n', 'quick'])
  })

  it('shows the dimension error as you type 0 and disables Train, and clears both when fixed', async () => {
    const { form, bar } = mountBoth()
    const train = bar.get('[data-testid="train-button"]')
    expect(train.attributes('disabled')).toBeUndefined()
    expect(form.find('[data-testid="error-dim"]').exists()).toBe(false)

    await form.get('[data-testid="field-dim"]').setValue('0')
    expect(form.get('[data-testid="error-dim"]').text()).toBe('The dimension must be a whole number from 1 to 2000, not 0.')
    expect(form.get('[data-testid="field-dim"]').attributes('aria-invalid')).toBe('true')
    expect(train.attributes('disabled')).toBeDefined()

    await form.get('[data-testid="field-dim"]').setValue('100')
    expect(form.find('[data-testid="error-dim"]').exists()).toBe(false)
    expect(train.attributes('disabled')).toBeUndefined()
  })

  it('shows only the fields the chosen schedule reads, and negatives only for negative sampling', async () => {
    const { form } = mountBoth()
    const shown = (name: string) => form.find(`[data-testid="field-${name}"]`).exists()
    for (const name of [...SHARED, ...WORD2VEC]) expect(shown(name), name).toBe(true)
    for (const name of CS224N) expect(shown(name), name).toBe(false)
    await form.get('[data-testid="preset-select"]').setValue('cs224n')
    expect((form.get('[data-testid="field-dim"]').element as HTMLInputElement).value).toBe('10')
    for (const name of [...SHARED, ...CS224N]) expect(shown(name), name).toBe(true)
    for (const name of WORD2VEC) expect(shown(name), name).toBe(false)
    await form.get('[data-testid="field-loss"]').setValue('naiveSoftmax')
    expect(shown('negatives')).toBe(false)
    await form.get('[data-testid="field-loss"]').setValue('hierarchicalSoftmax')
    expect(shown('negatives')).toBe(false)
    await form.get('[data-testid="field-loss"]').setValue('negSampling')
    expect(shown('negatives')).toBe(true)
    // Nothing on the form is disabled-but-shown any more.
    expect(form.findAll('input:disabled, select:disabled')).toHaveLength(0)
  })

  it('keeps the other schedule’s values when the user switches schedule and back', async () => {
    const { form } = mountBoth()
    await form.get('[data-testid="field-epochs"]').setValue('7')
    await form.get('[data-testid="field-schedule"]').setValue('cs224n')
    await form.get('[data-testid="field-iterations"]').setValue('123')
    await form.get('[data-testid="field-schedule"]').setValue('word2vec')
    expect((form.get('[data-testid="field-epochs"]').element as HTMLInputElement).value).toBe('7')
    await form.get('[data-testid="field-schedule"]').setValue('cs224n')
    expect((form.get('[data-testid="field-iterations"]').element as HTMLInputElement).value).toBe('123')
  })

  it('labels, hints and options come from the rule table; the schedule names fit their select', () => {
    const { form } = mountBoth()
    for (const name of [...SHARED.slice(1), ...WORD2VEC]) {
      const rule = SETTING_RULES[name as keyof typeof SETTING_RULES]
      expect(form.get(`label[for="hp-${name}"]`).text(), name).toBe(rule.label)
      expect(form.get(`#hp-${name}-hint`).text(), name).toBe(rule.help)
    }
    const schedules = form.get('[data-testid="field-schedule"]').findAll('option').map((o) => o.text())
    expect(schedules).toEqual(['word2vec', 'CS224n'])
    // The grid's narrowest column (11rem) holds about 16 characters of the select's text.
    for (const label of schedules) expect(label.length).toBeLessThanOrEqual(16)
  })
})
