/**
 * Corpus preparation on several threads: the decoded text is cut at line ends into pieces, piece
 * i goes to worker i mod k (corpusWorker.ts, a PieceTokenizer each), and the results are merged
 * in file order by a PieceMerger, so the corpus is the one CorpusBuilder makes on one thread.
 * Reading waits while 2 pieces per worker are in flight, so memory stays a few chunks.
 *
 * A line longer than LONG_LINE_CHARS is cut at whitespace as CorpusBuilder cuts it; without
 * whitespace it is kept until its end. A worker that fails to start or dies rejects the run with
 * a CorpusWorkerFailure, and the caller reads the corpus again on one thread.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { LONG_LINE_CHARS, lastWhitespace } from '../core/corpus/corpusBuilder'
import { type RawCorpus } from '../core/corpus/corpusTypes'
import { PieceMerger } from '../core/corpus/pieceMerger'
import { type PieceResult } from '../core/corpus/pieceTokenizer'
import type { TokenStoreWriter } from '../core/corpus/tokenStore'
import { type TokenizerOptions } from '../core/corpus/tokenizer'
import type { CorpusWorkerReply, CorpusWorkerRequest } from './corpusWorker'

const PIECES_IN_FLIGHT_PER_WORKER = 2

/** A preparation thread failed (it could not start, or crashed): not the user's doing; read on one thread instead. */
export class CorpusWorkerFailure extends Error {}

/** The bundled worker, or, when running from source (tests, `npm run w2v`), the TypeScript one through tsx. */
function startWorker(): Worker {
  const built = new URL('./corpusWorker.js', import.meta.url)
  if (existsSync(fileURLToPath(built))) return new Worker(built)
  const source = new URL('./corpusWorker.ts', import.meta.url).href
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(source)}) })`, { eval: true })
}

export class ParallelPreparation {
  private readonly workers: Worker[]
  private readonly merger: PieceMerger
  /** Pieces sent to each worker and not answered yet, by piece number. */
  private readonly waiting: number[][]
  private readonly results = new Map<number, PieceResult>()
  private readonly counts: (Uint32Array | null)[]
  private carry = ''
  private sent = 0
  private merged = 0
  private failure: Error | null = null
  private wake: (() => void) | null = null
  /** Set by dispose: replies still in flight from terminating workers are dropped, not merged into a sink that is gone. */
  private disposed = false

  /** The stream goes to `sink`, in file order, as one thread would write it. */
  constructor(threads: number, tokenizer: Partial<TokenizerOptions>, private readonly sink: TokenStoreWriter) {
    this.merger = new PieceMerger(threads, this.sink)
    this.waiting = Array.from({ length: threads }, () => [])
    this.counts = new Array<Uint32Array | null>(threads).fill(null)
    this.workers = []
    try {
      for (let w = 0; w < threads; w++) this.workers.push(this.startWorker(w, tokenizer))
    } catch (error) {
      this.dispose()
      throw new CorpusWorkerFailure(`A corpus preparation thread could not start (${String(error)}).`, { cause: error })
    }
  }

  /** The next decoded text of the corpus; resolves when there is room for more. */
  async addText(text: string): Promise<void> {
    const combined = this.carry + text
    const lineEnd = Math.max(combined.lastIndexOf('\n'), combined.lastIndexOf('\r'))
    if (lineEnd !== -1) {
      this.send(combined.slice(0, lineEnd + 1))
      this.carry = combined.slice(lineEnd + 1)
    } else {
      this.carry = combined
    }
    if (this.carry.length > LONG_LINE_CHARS) {
      const cut = lastWhitespace(this.carry)
      if (cut > 0) {
        this.send(this.carry.slice(0, cut))
        this.carry = this.carry.slice(cut)
      }
    }
    while (this.sent - this.merged >= PIECES_IN_FLIGHT_PER_WORKER * this.workers.length) await this.progress()
  }

  /** Ends the current line: the next text (another file) starts a new one. */
  endLine(): void {
    this.send(this.carry + '\n')
    this.carry = ''
  }

  /** Ends the last line, waits for every piece and the workers' counts, and returns the corpus. */
  async finish(): Promise<RawCorpus> {
    this.endLine()
    for (const worker of this.workers) worker.postMessage({ type: 'finish' } satisfies CorpusWorkerRequest)
    while (this.merged < this.sent || this.counts.some((c) => c === null)) await this.progress()
    this.counts.forEach((counts, w) => this.merger.addCounts(w, counts!))
    this.dispose()
    return {
      types: this.merger.types(), typeCounts: this.merger.typeCounts(), tokenCount: this.merger.tokenCount,
      sentenceCount: this.merger.sentenceCount, store: this.sink.finish(),
    }
  }

  /** Stops the workers (cancel, failure, or done). */
  dispose(): void {
    this.disposed = true
    for (const worker of this.workers) void worker.terminate()
  }

  private send(text: string): void {
    const w = this.sent % this.workers.length
    this.waiting[w]!.push(this.sent++)
    this.workers[w]!.postMessage({ type: 'piece', text } satisfies CorpusWorkerRequest)
  }

  /** Resolves at the next reply (or rejects with the failure). */
  private progress(): Promise<void> {
    if (this.failure) return Promise.reject(this.failure)
    return new Promise<void>((resolve, reject) => {
      this.wake = () => (this.failure ? reject(this.failure) : resolve())
    })
  }

  private startWorker(w: number, tokenizer: Partial<TokenizerOptions>): Worker {
    const worker = startWorker()
    worker.on('message', (reply: CorpusWorkerReply) => {
      if (this.disposed) return
      if (reply.type === 'counts') this.counts[w] = reply.counts
      else {
        this.results.set(this.waiting[w]!.shift()!, reply)
        for (let result = this.results.get(this.merged); result !== undefined; result = this.results.get(this.merged)) {
          this.results.delete(this.merged)
          this.merger.add(this.merged % this.workers.length, result)
          this.merged++
        }
      }
      this.notify()
    })
    const fail = (why: string): void => {
      this.failure ??= new CorpusWorkerFailure(`A corpus preparation thread ${why}.`)
      this.notify()
    }
    worker.on('error', (error) => fail(`failed (${error.message})`))
    worker.on('exit', (code) => {
      if (this.counts[w] === null) fail(`stopped early (exit code ${code})`)
    })
    worker.postMessage({ type: 'init', tokenizer } satisfies CorpusWorkerRequest)
    return worker
  }

  private notify(): void {
    const wake = this.wake
    this.wake = null
    wake?.()
  }
}
