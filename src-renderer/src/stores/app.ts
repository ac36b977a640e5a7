import type { RuntimeVersions } from '@contract/preloadApi'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'

export const useAppStore = defineStore('app', () => {
  const runtime = ref<RuntimeVersions | null>(window.w2v?.runtime ?? null)
  const runtimeLabel = computed(() =>
    runtime.value
      ? `Electron ${runtime.value.electron} · Chromium ${runtime.value.chrome} · Node ${runtime.value.node} · ${runtime.value.platform}`
      : 'Running outside the desktop app',
  )
  return { runtime, runtimeLabel }
})
