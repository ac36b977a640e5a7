/**
 * A corpus written back as text: a sentence a line, its tokens separated by single spaces, as
 * word2vec.c, fastText and gensim's LineSentence read it. The token stream is read a block at a
 * time and written in batches to a temporary file renamed into place, so the corpus is never
 * whole in memory and a failed or cancelled write leaves no partial file.
 */
import { streamBlocks } from '../core/corpus/tokenStore'
import type { RawCorpus } from '../core/corpus/corpusTypes'
import { SENTENCE_END } from '../core/corpus/tokenStream'
import { writeFileAtomically } from './atomicFile'
import { openTokenSource } from './tokenFile'
import { BatchedFileWriter } from './vectors/batchedFileWriter'

const PIECE_CHARS = 1 << 16

export interface CorpusTextOptions {
  readonly signal?: AbortSignal
  /** Sentences written so far, after each batch. */
  readonly onProgress?: (sentences: number) => void
}

export async function writeCorpusText(raw: RawCorpus, path: string, options: CorpusTextOptions = {}): Promise<void> {
  await writeFileAtomically(path, async (handle) => {
    const writer = new BatchedFileWriter(handle, options.signal, options.onProgress)
    const source = openTokenSource(raw.store)
    try {
      // A sentence may be the whole corpus (text8 is one line): text goes out every PIECE_CHARS.
      let pending = ''
      let lineStarted = false
      for (const { block } of streamBlocks(source)) {
        for (const id of block) {
          if (id === SENTENCE_END) {
            await writer.putText(pending + '\n')
            writer.endRow()
            pending = ''
            lineStarted = false
            continue
          }
          pending += lineStarted ? ` ${raw.types[id]!}` : raw.types[id]!
          lineStarted = true
          if (pending.length >= PIECE_CHARS) {
            await writer.putText(pending)
            pending = ''
          }
        }
      }
    } finally {
      source.close()
    }
    await writer.finish()
  }, { signal: options.signal, description: 'the joined corpus' })
}
