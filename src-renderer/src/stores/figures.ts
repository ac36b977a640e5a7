/**
 * Saving figures: which one is being saved, and the outcome per figure, shown beside its chart
 * whichever way the save began (the chart's control or the File menu): where the file went, or
 * one sentence saying why nothing was written. The chart itself is untouched, so a failed save
 * loses nothing and can be tried again.
 */
import type { FigureFormat, FigureKind } from '@contract/figures'
import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface FigureOutcome {
  readonly kind: 'saved' | 'failed'
  readonly message: string
}

export const useFiguresStore = defineStore('figures', () => {
  const saving = ref<{ figure: FigureKind; format: FigureFormat } | null>(null)
  const outcomes = ref<Partial<Record<FigureKind, FigureOutcome>>>({})

  function begin(figure: FigureKind, format: FigureFormat): boolean {
    if (saving.value !== null) return false
    saving.value = { figure, format }
    outcomes.value = Object.fromEntries(Object.entries(outcomes.value).filter(([name]) => name !== figure))
    return true
  }

  function finish(figure: FigureKind, outcome: FigureOutcome | null): void {
    saving.value = null
    if (outcome) outcomes.value = { ...outcomes.value, [figure]: outcome }
  }

  return { saving, outcomes, begin, finish }
})
