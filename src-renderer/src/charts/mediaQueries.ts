/** What the system asks of the charts: a dark theme, less motion. */
import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue'

/** Whether the system asks for a dark theme, followed live (the user may switch while the app runs). */
export function usePrefersDark(): Ref<boolean> {
  // Read at once, not on mount, so the first drawing already has the right theme.
  const media = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null
  const dark = ref(media?.matches ?? false)
  const onChange = (event: MediaQueryListEvent): void => {
    dark.value = event.matches
  }
  onMounted(() => media?.addEventListener('change', onChange))
  onBeforeUnmount(() => media?.removeEventListener('change', onChange))
  return dark
}

/** Whether the system asks for less motion: then the scatter plot's points jump instead of gliding. */
export function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches
}
