/**
 * Focus for the window's modal dialogs (About, Export): keyboard users land inside a dialog when
 * it opens, so Esc reaches it, and go back to what opened it when it closes, rather than to the
 * top of the page (where the focus falls when the focused element disappears).
 */
import { nextTick, watch, type Ref } from 'vue'

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'

export function useDialogFocus(isOpen: () => boolean, dialog: Readonly<Ref<HTMLElement | null>>): void {
  let opener: HTMLElement | null = null
  watch(isOpen, async (open) => {
    if (open) {
      opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null
      await nextTick()
      const element = dialog.value
      const target = element?.querySelector<HTMLElement>(FOCUSABLE) ?? element
      target?.focus()
      return
    }
    const back = opener
    opener = null
    await nextTick()
    // The opener may be gone (a view switched) or disabled meanwhile; then the focus stays where it fell.
    if (back?.isConnected) back.focus()
  }, { immediate: true })
}
