/**
 * The window as a whole: which runtime it runs in, the app's settings, the open view, and the
 * About box (its contents once the app has answered).
 */
import type { AppResult, Settings } from '@contract/appProtocol'
import type { RuntimeVersions } from '@contract/preloadApi'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { defaultThreadsOf } from '../composables/threads'

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
  const defaultThreads = computed(() => defaultThreadsOf(settings.value))

  function applySettings(next: Settings): void {
    settings.value = next
    // The theme follows the system unless the user chose one; the style sheet reads this attribute.
    if (typeof document !== 'undefined') {
      if (next.theme === 'system') delete document.documentElement.dataset.theme
      else document.documentElement.dataset.theme = next.theme
    }
  }

  function showAbout(info: AppInfo): void {
    about.value = info
  }

  function closeAbout(): void {
    about.value = null
  }

  return { runtime, runtimeLabel, view, settings, about, defaultThreads, applySettings, showAbout, closeAbout }
})
