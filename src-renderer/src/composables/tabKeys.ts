/** The ARIA tabs pattern: arrow keys move to the previous or next tab and focus it. */
import type { View } from '../stores/app'

export function tabAfterKey(views: readonly View[], current: View, event: KeyboardEvent): View | null {
  const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0
  if (step === 0) return null
  event.preventDefault()
  const next = views[(views.indexOf(current) + step + views.length) % views.length]!
  document.getElementById(`tab-${next}`)?.focus()
  return next
}
