// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import HyperparameterForm from '../../src-renderer/src/components/HyperparameterForm.vue'
import TrainingBar from '../../src-renderer/src/components/TrainingBar.vue'
import { installFakeW2v, startFakeSession } from './fakeW2v'

const FIELDS = ['schedule', 'model', 'loss', 'dim', 'window', 'negatives', 'minCount', 'sample', 'alpha', 'minAlpha', 'epochs', 'iterations', 'batch', 'optimizer', 'annealEvery', 'threads', 'seed']

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
    for (const name of FIELDS) {
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

  it('switches preset from the select and disables the fields the schedule does not read', async () => {
    const { form } = mountBoth()
    expect(form.get('[data-testid="field-iterations"]').attributes('disabled')).toBeDefined()
    await form.get('[data-testid="preset-select"]').setValue('cs224n')
    expect((form.get('[data-testid="field-dim"]').element as HTMLInputElement).value).toBe('10')
    expect(form.get('[data-testid="field-iterations"]').attributes('disabled')).toBeUndefined()
    expect(form.get('[data-testid="field-epochs"]').attributes('disabled')).toBeDefined()
  })
})
