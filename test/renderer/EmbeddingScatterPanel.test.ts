// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { presetHyperparameters, startSettings } from '../../src-main/core/contract/settingsValidation'
import EmbeddingScatterPanel from '../../src-renderer/src/components/EmbeddingScatterPanel.vue'
import { usePlotStore } from '../../src-renderer/src/stores/plot'
import { useTrainingStore } from '../../src-renderer/src/stores/training'
import { installFakeW2v, runInfo } from './fakeW2v'

describe('EmbeddingScatterPanel', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    installFakeW2v()
  })
  afterEach(() => vi.unstubAllGlobals())

  it('plots the centre vectors once the run has no outside vector per word, with the kinds made from U disabled', async () => {
    const plot = usePlotStore()
    const training = useTrainingStore()
    training.run = runInfo('run-1')
    plot.vectors = 'concat'
    const view = mount(EmbeddingScatterPanel, { shallow: true })
    const disabled = () => view.findAll('option').filter((o) => (o.element as HTMLOptionElement).disabled).map((o) => o.attributes('value'))
    expect(disabled()).toEqual([])
    expect(plot.vectors).toBe('concat')

    const { settings } = startSettings(presetHyperparameters('quick', 4))
    training.run = runInfo('run-2', { settings: { ...settings, config: { ...settings.config, loss: 'hierarchicalSoftmax' } } as typeof settings })
    await view.vm.$nextTick()
    expect(disabled()).toEqual(['outside', 'concat'])
    expect(view.find('option[value="outside"]').attributes('title')).toMatch(/^This run trained with hierarchical softmax/)
    expect(plot.vectors).toBe('center')
    view.unmount()
  })
})
