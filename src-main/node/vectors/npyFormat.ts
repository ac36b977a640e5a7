/**
 * NumPy's .npy format, version 1.0 (numpy.lib.format), holding the V × D float32 matrix:
 *
 *   bytes 0–5   the magic "\x93NUMPY"
 *   bytes 6–7   the version, 1 and 0
 *   bytes 8–9   HEADER_LEN, a little-endian uint16
 *   then        the header, ASCII: "{'descr': '<f4', 'fortran_order': False, 'shape': (V, D), }"
 *               padded with spaces and ended by "\n" so that the data start at a multiple of 64
 *   then        V·D little-endian float32, row by row (C order)
 *
 * The words go to a companion UTF-8 text file, one word and "\n" per row, no header, no counts.
 * Words that are empty, blank or contain a line break (as Python's str.splitlines sees it) are
 * refused, since any of them would shift the rows of a reader.
 */
import { endianness } from 'node:os'
import { type Embeddings } from '../../core/vectors/embeddings'
import { BatchedFileWriter, type RowStreamOptions } from './batchedFileWriter'
import { writeFilePairAtomically } from './filePair'
import { checkWords, oneLine } from './vectorExportError'

const MAGIC = [0x93, ...Buffer.from('NUMPY', 'latin1'), 1, 0]
const ALIGNMENT = 64

/** The magic, version, length and padded header: everything before the data. */
export function npyHeader(rows: number, dim: number): Buffer {
  const dict = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${dim}), }`
  const unpadded = MAGIC.length + 2 + dict.length + 1
  const total = Math.ceil(unpadded / ALIGNMENT) * ALIGNMENT
  const header = Buffer.alloc(total, 0x20)
  header.set(MAGIC, 0)
  header.writeUInt16LE(total - MAGIC.length - 2, MAGIC.length)
  header.write(dict, MAGIC.length + 2, 'latin1')
  header[total - 1] = 0x0a
  return header
}

export async function writeNpyFiles(path: string, vocabularyPath: string, embeddings: Embeddings, options: RowStreamOptions = {}): Promise<void> {
  const { words, vectors, dim } = embeddings
  const { signal, onProgress } = options
  checkWords(path, words, oneLine, 'the NumPy vocabulary file')
  // A Float32Array's bytes are the machine's; .npy says little-endian ('<f4').
  if (endianness() !== 'LE') throw new Error('The NumPy format can only be written on a little-endian computer.')
  const bytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength)
  const rowBytes = 4 * dim
  await writeFilePairAtomically({
    path,
    description: 'the vectors',
    write: async (handle) => {
      const out = new BatchedFileWriter(handle, signal, (rows) => onProgress?.(rows, words.length))
      await out.putBytes(npyHeader(words.length, dim))
      for (let row = 0; row < words.length; row++) {
        await out.putBytes(bytes.subarray(row * rowBytes, (row + 1) * rowBytes))
        out.endRow()
      }
      await out.finish()
    },
  }, {
    path: vocabularyPath,
    description: 'the word list',
    write: async (handle) => {
      const out = new BatchedFileWriter(handle, signal)
      for (const word of words) await out.putText(`${word}\n`)
      await out.finish()
    },
  }, signal)
}
