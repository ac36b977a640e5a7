/**
 * The window's own shortcuts, the same as the menu's accelerators (so they also work in the
 * browser harness, which has no menu): Ctrl/Cmd+O open a corpus, Ctrl/Cmd+Shift+O open vectors,
 * Ctrl/Cmd+E export, Ctrl/Cmd+Enter train or pause, Ctrl/Cmd+P pause or resume, Ctrl/Cmd+. stop.
 */
import type { MenuCommand } from '@contract/appProtocol'
import { onBeforeUnmount, onMounted } from 'vue'
import { runCommand } from './commands'

export interface KeyPress {
  readonly key: string
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly shiftKey: boolean
  readonly altKey: boolean
}

export function commandForKey(event: KeyPress): MenuCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null
  const key = event.key.toLowerCase()
  if (key === 'o') return event.shiftKey ? 'openVectors' : 'openCorpus'
  if (event.shiftKey) return null
  switch (key) {
    case 'e': return 'export'
    case 'enter': return 'train'
    case 'p': return 'pauseResume'
    case '.': return 'stop'
    default: return null
  }
}

export function useKeyboardShortcuts(): void {
  const onKeyDown = (event: KeyboardEvent): void => {
    const command = commandForKey(event)
    if (!command) return
    event.preventDefault()
    void runCommand(command)
  }
  onMounted(() => window.addEventListener('keydown', onKeyDown))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKeyDown))
}
