/**
 * Whether the vectors the window holds now have an outside vector per word, by core's rule: a
 * file's hold one set, and a hierarchical-softmax run's U belongs to its Huffman tree's inner
 * nodes. The export dialog and the explore and plot choices disable the kinds made from U with
 * this sentence, rather than let the trainer refuse them.
 */
import { type VectorKind, needsOutsideVectors, noOutsideVectorsReason, runWithoutOutsideVectors } from '@contract/coreTables'
import { type ComputedRef, computed, watch } from 'vue'
import { useCorpusStore } from '../stores/corpus'
import { useTrainingStore } from '../stores/training'

/** Why there are no outside vectors per word, in a sentence; null when there are. */
export function missingOutsideVectors(): string | null {
  const file = useCorpusStore().vectorsFile
  if (file) return file.hasOutsideVectors ? null : noOutsideVectorsReason('file')
  const run = useTrainingStore().run
  const why = run ? runWithoutOutsideVectors(run.settings.config.loss) : null
  return why === null ? null : noOutsideVectorsReason(why)
}

/**
 * For a view's choice of vectors: why there are no outside vectors per word (its options made
 * from U are disabled with that sentence), and the choice set back to the centre vectors whenever
 * they go missing (a file opened, a hierarchical-softmax run trained), so nothing asks for them.
 */
export function useOutsideVectorsGuard(choice: () => VectorKind, chooseCentre: () => void): ComputedRef<string | null> {
  const why = computed(missingOutsideVectors)
  watch(why, (reason) => {
    if (reason !== null && needsOutsideVectors(choice())) chooseCentre()
  }, { immediate: true })
  return why
}
