/** What readEmbeddings hands to the reader of each format. */
import { type ReadProgress } from './chunkedFile'
import { type EncodingErrors } from './wordDecoding'

export interface FormatReadOptions {
  readonly path: string
  /** Read at most this many vectors (rows of the file, duplicates included); Infinity for all. */
  readonly limit: number
  readonly encodingErrors: EncodingErrors
  readonly chunkBytes: number
  readonly progress: ReadProgress
}
