import type { TokenSink } from './tokenStream'

/**
 * Where a corpus' token stream (see tokenStream.ts) lives once read, as a plain descriptor a
 * worker thread can receive: a file of little-endian int32 values written while the corpus was
 * read (the app and the CLI: memory stays flat in the corpus' length), or an Int32Array on a
 * SharedArrayBuffer (small inputs and tests). Reading a file needs node:fs, so this layer opens
 * only memory stores; node/tokenFile.ts opens both.
 */
export type TokenStore =
  | { readonly kind: 'memory'; readonly values: Int32Array }
  | { readonly kind: 'file'; readonly path: string; readonly length: number }

/** Random-access reads of a stream. */
export interface TokenSource {
  /** Values in the stream. */
  readonly length: number
  /** Fills `into` with the values from `offset` on (offset + into.length ≤ length). */
  read(offset: number, into: Int32Array): void
  close(): void
}

/** A sink that, once the reader is done, says where the stream it received lives. */
export interface TokenStoreWriter extends TokenSink {
  /** Values written so far. */
  readonly length: number
  /** Flushes and closes; the writer takes no more values. */
  finish(): TokenStore
  /** Gives up the stream (a cancelled or failed read), before or after finish: frees or deletes what was written. */
  discard(): void
}

/** Collects the stream in memory, on a SharedArrayBuffer (where there is one) so threads can read it without a copy. */
export class MemoryTokenSink implements TokenStoreWriter {
  private values = new Int32Array(1 << 12)
  private count = 0

  get length(): number {
    return this.count
  }

  write(values: Int32Array): void {
    if (this.count + values.length > this.values.length) {
      let size = this.values.length * 2
      while (size < this.count + values.length) size *= 2
      const bigger = new Int32Array(size)
      bigger.set(this.values.subarray(0, this.count))
      this.values = bigger
    }
    this.values.set(values, this.count)
    this.count += values.length
  }

  finish(): TokenStore {
    // A page that is not cross-origin isolated has no SharedArrayBuffer; one thread reads it there.
    const buffer = typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(4 * this.count) : new ArrayBuffer(4 * this.count)
    const shared = new Int32Array(buffer)
    shared.set(this.values.subarray(0, this.count))
    this.values = new Int32Array(0)
    return { kind: 'memory', values: shared }
  }

  discard(): void {
    this.values = new Int32Array(0)
    this.count = 0
  }
}

export function memoryTokenSource(store: Extract<TokenStore, { kind: 'memory' }>): TokenSource {
  const { values } = store
  return {
    length: values.length,
    read: (offset, into) => into.set(values.subarray(offset, offset + into.length)),
    close: () => undefined,
  }
}

/** Opens a store this layer can read: memory only (node's openTokenSource reads files too). */
export function openMemoryTokenSource(store: TokenStore): TokenSource {
  if (store.kind !== 'memory') throw new Error(`The token stream in ${store.path} is a file; open it with node/tokenFile's openTokenSource.`)
  return memoryTokenSource(store)
}

/** Values read at a time by sequential passes: 1 MiB. */
export const PASS_BLOCK_VALUES = 1 << 18

/** Consecutive blocks of the stream (a view reused from one to the next), each with its offset. */
export function* streamBlocks(source: TokenSource, blockValues = PASS_BLOCK_VALUES): Generator<{ readonly block: Int32Array; readonly offset: number }, void, void> {
  const buffer = new Int32Array(Math.min(blockValues, source.length))
  for (let offset = 0; offset < source.length; offset += buffer.length) {
    const block = offset + buffer.length <= source.length ? buffer : buffer.subarray(0, source.length - offset)
    source.read(offset, block)
    yield { block, offset }
  }
}

/** Calls `visit` on consecutive blocks of the stream (see streamBlocks), until the end or until `visit` returns false. */
export function forEachBlock(source: TokenSource, visit: (block: Int32Array, offset: number) => boolean | void, blockValues = PASS_BLOCK_VALUES): void {
  for (const { block, offset } of streamBlocks(source, blockValues)) if (visit(block, offset) === false) return
}
