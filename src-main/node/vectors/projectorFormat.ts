/**
 * The TensorFlow Embedding Projector's pair of tab-separated files:
 *
 *   vectors.tsv   per word one line "v1\tv2\t…\tvD\n", no header
 *   metadata.tsv  with counts: the header "word\tcount\n", then per word "word\tcount\n";
 *                 without counts: per word "word\n" and no header (the Projector takes a first
 *                 line with a tab as the header, and a single column has none)
 *
 * Row i of both files is word i, so the rows line up. The Projector splits lines on "\n" and
 * columns on "\t", and skips lines that are blank once trimmed: words that are empty, blank, or
 * contain a tab or a line break are refused, since any of them would shift the rows.
 */
import { type Embeddings } from '../../core/vectors/embeddings'
import { BatchedFileWriter, type RowStreamOptions } from './batchedFileWriter'
import { floatsText } from './float32Text'
import { writeFilePairAtomically } from './filePair'
import { checkWords, oneCell } from './vectorExportError'

export async function writeProjectorFiles(path: string, metadataPath: string, embeddings: Embeddings, options: RowStreamOptions = {}): Promise<void> {
  const { words, vectors, dim, counts } = embeddings
  const { signal, onProgress } = options
  checkWords(path, words, oneCell, 'the Embedding Projector’s metadata file')
  await writeFilePairAtomically({
    path,
    description: 'the vectors',
    write: async (handle) => {
      const out = new BatchedFileWriter(handle, signal, (rows) => onProgress?.(rows, words.length))
      for (let row = 0; row < words.length; row++) {
        await out.putText(floatsText(vectors, row * dim, (row + 1) * dim, '\t') + '\n')
        out.endRow()
      }
      await out.finish()
    },
  }, {
    path: metadataPath,
    description: 'the metadata',
    write: async (handle) => {
      const out = new BatchedFileWriter(handle, signal)
      if (counts !== null) await out.putText('word\tcount\n')
      for (let row = 0; row < words.length; row++) {
        await out.putText(counts === null ? `${words[row]!}\n` : `${words[row]!}\t${counts[row]!}\n`)
      }
      await out.finish()
    },
  }, signal)
}
