/**
 * A corpus preparation thread: tokenizes the pieces of text parallelCorpusReader sends it with
 * a PieceTokenizer and posts each result back (the stream's buffer transferred, not copied);
 * on 'finish' posts its counts and ends.
 */
import { parentPort } from 'node:worker_threads'
import { type PieceResult, PieceTokenizer } from '../core/corpus/pieceTokenizer'
import type { TokenizerOptions } from '../core/corpus/tokenizer'

export type CorpusWorkerRequest =
  | { readonly type: 'init'; readonly tokenizer: Partial<TokenizerOptions> }
  | { readonly type: 'piece'; readonly text: string }
  | { readonly type: 'finish' }

export type CorpusWorkerReply =
  | ({ readonly type: 'piece' } & PieceResult)
  | { readonly type: 'counts'; readonly counts: Uint32Array }

const port = parentPort
if (!port) throw new Error('corpusWorker must run as a worker thread.')

let tokenizer: PieceTokenizer | null = null
port.on('message', (request: CorpusWorkerRequest) => {
  switch (request.type) {
    case 'init':
      tokenizer = new PieceTokenizer(request.tokenizer)
      break
    case 'piece': {
      const result = tokenizer!.tokenize(request.text)
      const reply: CorpusWorkerReply = { type: 'piece', ...result }
      port.postMessage(reply, [result.stream.buffer, result.newTypes.hashes.buffer, result.newTypes.units.buffer] as ArrayBuffer[])
      break
    }
    case 'finish': {
      const counts = tokenizer!.counts()
      const reply: CorpusWorkerReply = { type: 'counts', counts }
      port.postMessage(reply, [counts.buffer as ArrayBuffer])
      port.close()
      break
    }
  }
})
