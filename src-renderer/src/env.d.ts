import type { W2vApi } from '@contract/preloadApi'

declare global {
  interface Window {
    /** Present inside the app; absent when the page runs in a plain browser (test harness). */
    readonly w2v?: W2vApi
  }
}
