/**
 * Exporting the current vectors: the dialog's choices (format, which vectors, top N,
 * normalization), the target the app's save dialog returns, progress, and the outcome: where
 * the files went (with "Show in folder"), or one sentence saying why nothing was written.
 */
import { needsOutsideVectors } from '@contract/coreTables'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { type VectorFormat, suggestedFileName } from '../composables/exportFormats'
import { formatCount } from '../composables/format'
import { missingOutsideVectors } from '../composables/outsideVectors'
import { cancelRequest, nextRequestId, requestTrainer } from '../composables/trainerClient'
import { w2v } from '../composables/w2vApi'

export type ExportVectors = 'center' | 'outside' | 'sum' | 'concat'

export const useExportStore = defineStore('export', () => {
  const open = ref(false)
  const format = ref<VectorFormat>('word2vec-binary')
  const vectors = ref<ExportVectors>('center')
  /** Blank: every word. */
  const topN = ref('')
  const normalize = ref(false)
  const exportingId = ref<string | null>(null)
  const savedFiles = ref<string[]>([])
  const message = ref<string | null>(null)
  const error = ref<string | null>(null)

  const exporting = computed(() => exportingId.value !== null)
  const topNProblem = computed(() => {
    const text = topN.value.trim()
    if (text === '') return null
    const n = Number(text)
    return Number.isInteger(n) && n >= 1 ? null : `Top N must be a whole number of at least 1, or blank for every word; not ${text}.`
  })

  /** Opens on the centre vectors when the current vectors have no outside vectors per word. */
  function show(): void {
    if (missingOutsideVectors() !== null && needsOutsideVectors(vectors.value)) vectors.value = 'center'
    open.value = true
  }

  function close(): void {
    open.value = false
  }

  /** `baseName`: what the vectors are called (the corpus, or the vectors file they came from). */
  async function submit(baseName: string): Promise<void> {
    if (exporting.value || topNProblem.value) return
    message.value = null
    error.value = null
    const target = await w2v().exportDialog({ defaultName: suggestedFileName(baseName, format.value), format: format.value })
    if (!target.ok) {
      error.value = target.error.message
      return
    }
    const path = target.value.path
    if (path === null) return
    const id = nextRequestId()
    exportingId.value = id
    const n = topN.value.trim() === '' ? undefined : Number(topN.value)
    const outcome = await requestTrainer({
      type: 'export', path, format: format.value, vectors: vectors.value, normalize: normalize.value, ...(n === undefined ? {} : { topN: n }),
    }, id)
    exportingId.value = null
    if (!outcome.ok) {
      if (outcome.error.kind !== 'cancelled') error.value = outcome.error.message
      return
    }
    savedFiles.value = outcome.value.files
    const words = n === undefined ? 'every word' : `the ${formatCount(n)} most frequent words`
    message.value = `Saved ${words} to ${outcome.value.files.join(' and ')}.`
  }

  async function cancel(): Promise<void> {
    if (exportingId.value) await cancelRequest(exportingId.value)
  }

  async function showInFolder(): Promise<void> {
    const path = savedFiles.value[0]
    if (!path) return
    const response = await w2v().showItemInFolder({ path })
    if (!response.ok) error.value = response.error.message
  }

  return {
    open, format, vectors, topN, normalize, exportingId, savedFiles, message, error, exporting, topNProblem,
    show, close, submit, cancel, showInFolder,
  }
})
