/**
 * JSON, one object streamed in pieces (never built as one string):
 *
 *   {"dim":D,"words":["w1","w2",…],"counts":[c1,c2,…],"vectors":[
 *   [v1,v2,…,vD],
 *   …
 *   [v1,v2,…,vD]
 *   ]}
 *
 * ending with "\n"; "counts" is null when unknown, and an empty vocabulary gives
 * {"dim":D,"words":[],"counts":null,"vectors":[]} (or "counts":[]). Words are escaped by
 * JSON.stringify, so any word is stored, even one that is empty or has a lone surrogate
 * (written as a \uXXXX escape). Values are written by `formatFloat32`, which reads back exactly.
 */
import { type Embeddings } from '../../core/vectors/embeddings'
import { writeFileAtomically } from '../atomicFile'
import { BatchedFileWriter, type RowStreamOptions } from './batchedFileWriter'
import { floatsText } from './float32Text'

export async function writeJsonVectors(path: string, embeddings: Embeddings, options: RowStreamOptions = {}): Promise<void> {
  const { words, vectors, dim, counts } = embeddings
  const { signal, onProgress } = options
  await writeFileAtomically(path, async (handle) => {
    const out = new BatchedFileWriter(handle, signal, (rows) => onProgress?.(rows, words.length))
    await out.putText(`{"dim":${dim},"words":[`)
    for (let row = 0; row < words.length; row++) await out.putText((row === 0 ? '' : ',') + JSON.stringify(words[row]!))
    if (counts === null) await out.putText('],"counts":null')
    else {
      await out.putText('],"counts":[')
      for (let row = 0; row < counts.length; row++) await out.putText((row === 0 ? '' : ',') + String(counts[row]!))
      await out.putText(']')
    }
    await out.putText(',"vectors":[')
    for (let row = 0; row < words.length; row++) {
      await out.putText(`${row === 0 ? '\n' : ',\n'}[${floatsText(vectors, row * dim, (row + 1) * dim, ',')}]`)
      out.endRow()
    }
    await out.putText(words.length === 0 ? ']}\n' : '\n]}\n')
    await out.finish()
  }, { signal, description: 'the vectors' })
}
