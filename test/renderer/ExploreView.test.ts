// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { presetHyperparameters, startSettings } from '../../src-main/core/contract/settingsValidation'
import ExploreView from '../../src-renderer/src/components/ExploreView.vue'
import { useExploreStore } from '../../src-renderer/src/stores/explore'
import { useTrainingStore } from '../../src-renderer/src/stores/training'
import { installFakeW2v, runInfo } from './fakeW2v'

describe('ExploreView', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    installFakeW2v()
  })
  afterEach(() => vi.unstubAllGlobals())

  it('offers the kinds made from U only when the vectors have an outside vector per word, and falls back to the centre vectors', async () => {
    const explore = useExploreStore()
    const training = useTrainingStore()
    training.run = runInfo('run-1')
    explore.vectors = 'sum'
    const view = mount(ExploreView, { shallow: true })
    const disabled = () => view.findAll('option').filter((o) => (o.element as HTMLOptionElement).disabled).map((o) => o.attributes('value'))
    expect(disabled()).toEqual([])
    expect(explore.vectors).toBe('sum')

    const { settings } = startSettings(presetHyperparameters('quick', 4))
    training.run = runInfo('run-2', { settings: { ...settings, config: { ...settings.config, loss: 'hierarchicalSoftmax' } } as typeof settings })
    await view.vm.$nextTick()
    expect(disabled()).toEqual(['outside', 'sum', 'concat'])
    expect(view.find('option[value="concat"]').attributes('title')).toMatch(/^This run trained with hierarchical softmax/)
    expect(explore.vectors).toBe('center')
    view.unmount()
  })
})
