/**
 * What the window's modal dialogs (About, Export) share: keyboard users land inside a dialog
 * when it opens, Esc closes it wherever the focus is (a button that disables itself while it
 * works drops the focus to the page), and the focus goes back to what opened the dialog when it
 * closes, rather than to the top of the page.
 */
import { nextTick, onBeforeUnmount, watch, type Ref } from 'vue'

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])'

export function useModalDialog(isOpen: () => boolean, dialog: Readonly<Ref<HTMLElement | null>>, close: () => void): void {
  let opener: HTMLElement | null = null
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    close()
  }
  watch(isOpen, async (open) => {
    if (open) {
      opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null
      window.addEventListener('keydown', onKeyDown)
      await nextTick()
      const element = dialog.value
      const target = element?.querySelector<HTMLElement>(FOCUSABLE) ?? element
      target?.focus()
      return
    }
    window.removeEventListener('keydown', onKeyDown)
    const back = opener
    opener = null
    await nextTick()
    // The opener may be gone (a view switched) or disabled meanwhile; then the focus stays where it fell.
    if (back?.isConnected) back.focus()
  }, { immediate: true })
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeyDown))
}
