/**
 * GloVe's text format: per word one line "word v1 v2 … vD\n", values separated by one space,
 * no header (so the vocabulary size and dimension are counted by the reader). Words that are
 * empty or contain whitespace are refused, as in word2vec text.
 */
import { type Embeddings } from '../../core/vectors/embeddings'
import { writeFileAtomically } from '../atomicFile'
import { BatchedFileWriter, type RowStreamOptions } from './batchedFileWriter'
import { floatsText } from './float32Text'
import { checkWords, noWhitespace } from './vectorExportError'

export async function writeGloveVectors(path: string, embeddings: Embeddings, options: RowStreamOptions = {}): Promise<void> {
  const { words, vectors, dim } = embeddings
  const { signal, onProgress } = options
  checkWords(path, words, noWhitespace, 'the GloVe format')
  await writeFileAtomically(path, async (handle) => {
    const out = new BatchedFileWriter(handle, signal, (rows) => onProgress?.(rows, words.length))
    for (let row = 0; row < words.length; row++) {
      await out.putText(`${words[row]!} ${floatsText(vectors, row * dim, (row + 1) * dim, ' ')}\n`)
      out.endRow()
    }
    await out.finish()
  }, { signal, description: 'the vectors' })
}
