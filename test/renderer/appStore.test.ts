import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

describe('app store', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => vi.unstubAllGlobals())

  it('shows the runtime the preload reports', async () => {
    vi.stubGlobal('window', { w2v: { runtime: { electron: '41.7.1', chrome: '146.0', node: '24.1.0', platform: 'linux' } } })
    const { useAppStore } = await import('../../src-renderer/src/stores/app')
    expect(useAppStore().runtimeLabel).toBe('Electron 41.7.1 · Chromium 146.0 · Node 24.1.0 · linux')
  })

  it('says so when the page runs outside the desktop app', async () => {
    vi.stubGlobal('window', {})
    const { useAppStore } = await import('../../src-renderer/src/stores/app')
    expect(useAppStore().runtimeLabel).toBe('Running outside the desktop app')
  })
})
