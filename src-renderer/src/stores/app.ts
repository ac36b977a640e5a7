/**
 * The window as a whole: which runtime it runs in, the app's settings, the open view, and the
 * About box.
 */
import type { AppResult, Settings } from '@contract/appProtocol'
import type { RuntimeVersions } from '@contract/preloadApi'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { w2v } from '../composables/w2vApi'
import { useErrorsStore } from './errors'
import { useHyperparametersStore } from './hyperparameters'

export const VIEWS = ['train', 'gradcheck', 'explore'] as const
export type View = (typeof VIEWS)[number]

export type AppInfo = AppResult<'appInfo'>

export const useAppStore = defineStore('app', () => {
  const runtime = ref<RuntimeVersions | null>(window.w2v?.runtime ?? null)
  const runtimeLabel = computed(() =>
    runtime.value
      ? `Electron ${runtime.value.electron} · Chromium ${runtime.value.chrome} · Node ${runtime.value.node} · ${runtime.value.platform}`
      : 'Running outside the desktop app',
  )
  const view = ref<View>('train')
  const settings = ref<Settings | null>(null)
  const about = ref<AppInfo | null>(null)

  /** "One per core" (settings.threads null) as a number for the form. */
  const defaultThreads = computed(() => settings.value?.threads ?? Math.min(256, Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1)))

  function applySettings(next: Settings): void {
    const threadsBefore = defaultThreads.value
    settings.value = next
    if (defaultThreads.value !== threadsBefore) useHyperparametersStore().threadsChanged()
    // The theme follows the system unless the user chose one; the style sheet reads this attribute.
    if (typeof document !== 'undefined') {
      if (next.theme === 'system') delete document.documentElement.dataset.theme
      else document.documentElement.dataset.theme = next.theme
    }
  }

  async function loadSettings(): Promise<void> {
    const response = await w2v().getSettings({})
    if (response.ok) applySettings(response.value)
  }

  async function showAbout(): Promise<void> {
    const response = await w2v().appInfo({})
    if (response.ok) about.value = response.value
    else useErrorsStore().show(response.error.message)
  }

  function closeAbout(): void {
    about.value = null
  }

  return { runtime, runtimeLabel, view, settings, about, defaultThreads, applySettings, loadSettings, showAbout, closeAbout }
})
