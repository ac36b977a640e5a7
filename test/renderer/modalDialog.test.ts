// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import AboutDialog from '../../src-renderer/src/components/AboutDialog.vue'
import ExportDialog from '../../src-renderer/src/components/ExportDialog.vue'
import { showAbout } from '../../src-renderer/src/composables/session'
import { useExportStore } from '../../src-renderer/src/stores/export'
import { installFakeW2v } from './fakeW2v'

/** The page: a button that opens the dialog, the dialog, and another button to tell them apart. */
function page(dialog: typeof ExportDialog, open: () => unknown) {
  return defineComponent(() => () => h('div', [
    h('button', { id: 'elsewhere' }, 'Elsewhere'),
    h('button', { id: 'opener', onClick: open }, 'Open'),
    h(dialog),
  ]))
}

const CASES = [
  { name: 'Export', dialog: ExportDialog, testId: 'export-dialog', open: () => useExportStore().show() },
  { name: 'About', dialog: AboutDialog, testId: 'about-dialog', open: () => showAbout() },
] as const

beforeEach(() => {
  setActivePinia(createPinia())
  const fake = installFakeW2v()
  fake.handle('appInfo', () => ({ ok: true, value: { name: 'Word2Vec Studio', version: '1.0.0', licenses: [{ name: 'vue', version: '3', license: 'MIT' }] } }))
})
afterEach(() => {
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

describe.each(CASES)('the $name dialog', ({ dialog, testId, open }) => {
  it('takes the focus when it opens and gives it back to what opened it when Esc closes it', async () => {
    const wrapper = mount(page(dialog, open), { attachTo: document.body })
    const opener = wrapper.get<HTMLButtonElement>('#opener')
    opener.element.focus()
    await opener.trigger('click')
    await flushPromises()
    const shown = wrapper.get(`[data-testid="${testId}"]`)
    expect(shown.element.contains(document.activeElement)).toBe(true)
    await wrapper.get(`[data-testid="${testId}"]`).trigger('keydown', { key: 'Escape' })
    await flushPromises()
    expect(wrapper.find(`[data-testid="${testId}"]`).exists()).toBe(false)
    expect(document.activeElement).toBe(opener.element)
    wrapper.unmount()
  })

  it('closes on Esc even when the focus has fallen to the page (a button that disabled itself)', async () => {
    const wrapper = mount(page(dialog, open), { attachTo: document.body })
    const opener = wrapper.get<HTMLButtonElement>('#opener')
    opener.element.focus()
    await opener.trigger('click')
    await flushPromises()
    const inside = document.activeElement as HTMLElement
    inside.blur()
    expect(document.activeElement).toBe(document.body)
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
    await flushPromises()
    expect(wrapper.find(`[data-testid="${testId}"]`).exists()).toBe(false)
    expect(document.activeElement).toBe(opener.element)
    wrapper.unmount()
  })

  it('gives the focus back after a click on the backdrop too', async () => {
    const wrapper = mount(page(dialog, open), { attachTo: document.body })
    const opener = wrapper.get<HTMLButtonElement>('#opener')
    opener.element.focus()
    await opener.trigger('click')
    await flushPromises()
    await wrapper.get('.dialog-backdrop').trigger('click')
    await flushPromises()
    expect(document.activeElement).toBe(opener.element)
    wrapper.unmount()
  })
})
