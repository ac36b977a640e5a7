/** The export dialog's formats: what each is called and the file name it suggests. */
import type { VectorFormatSchema } from '@contract/settingsSchemas'
import type * as v from 'valibot'

export type VectorFormat = v.InferOutput<typeof VectorFormatSchema>

export const EXPORT_FORMATS: readonly { readonly format: VectorFormat; readonly label: string; readonly extension: string }[] = [
  { format: 'word2vec-binary', label: 'word2vec binary (.bin)', extension: '.bin' },
  { format: 'word2vec-text', label: 'word2vec text (.vec; gensim, fastText)', extension: '.vec' },
  { format: 'glove', label: 'GloVe text (no header)', extension: '.txt' },
  { format: 'projector', label: 'TensorFlow Embedding Projector (.tsv + metadata)', extension: '.tsv' },
  { format: 'npy', label: 'NumPy (.npy + vocabulary)', extension: '.npy' },
  { format: 'json', label: 'JSON', extension: '.json' },
]

export function suggestedFileName(base: string, format: VectorFormat): string {
  const extension = EXPORT_FORMATS.find((f) => f.format === format)?.extension ?? ''
  const safe = base.replace(/\.[^.]*$/u, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/gu, '') || 'vectors'
  return `${safe}-vectors${extension}`
}
