/** The file name the export dialog suggests for a format, by core's table of formats. */
import { VECTOR_FORMATS, type VectorFormat } from '@contract/coreTables'

export type { VectorFormat }

export function suggestedFileName(base: string, format: VectorFormat): string {
  const extension = VECTOR_FORMATS.find((f) => f.format === format)?.suggestedExtension ?? ''
  const safe = base.replace(/\.[^.]*$/u, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/gu, '') || 'vectors'
  return `${safe}-vectors${extension}`
}
