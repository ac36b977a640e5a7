/**
 * Streams a file out in ~1 MB batches: text and bytes are collected in one reused buffer that is
 * written whenever it fills, each write awaited (the backpressure) after checking the signal, and
 * the rows completed so far are reported after every batch. Text is encoded whole as UTF-8, so a
 * word is never cut between two batches in a way a reader could see.
 */
import { type FileHandle } from 'node:fs/promises'

const BATCH_BYTES = 1 << 20

export class BatchedFileWriter {
  private readonly buffer = Buffer.allocUnsafe(BATCH_BYTES)
  private used = 0
  private position = 0
  private rows = 0
  private reportedRows = -1

  constructor(
    private readonly handle: FileHandle,
    private readonly signal: AbortSignal | undefined,
    private readonly onFlushed: (rows: number) => void = () => undefined,
  ) {}

  async putText(text: string): Promise<void> {
    const bytes = Buffer.byteLength(text, 'utf8')
    const at = await this.room(bytes)
    if (at === undefined) await this.writeAll(Buffer.from(text, 'utf8'))
    else this.buffer.write(text, at, 'utf8')
  }

  async putBytes(bytes: Uint8Array): Promise<void> {
    const at = await this.room(bytes.length)
    if (at === undefined) await this.writeAll(bytes)
    else this.buffer.set(bytes, at)
  }

  /** Counts one more complete row for the next progress report. */
  endRow(): void {
    this.rows++
  }

  /** Writes what is left and reports the final row count (once, even for an empty file). */
  async finish(): Promise<void> {
    await this.flush()
    if (this.reportedRows !== this.rows) this.report()
  }

  /** Where `bytes` more bytes go in the batch, flushing it first if full; undefined if they never fit. */
  private async room(bytes: number): Promise<number | undefined> {
    if (this.used + bytes > this.buffer.length) await this.flush()
    if (bytes > this.buffer.length) return undefined
    const at = this.used
    this.used += bytes
    return at
  }

  private async flush(): Promise<void> {
    if (this.used === 0) return
    await this.writeAll(this.buffer.subarray(0, this.used))
    this.used = 0
    this.report()
  }

  private report(): void {
    this.reportedRows = this.rows
    this.onFlushed(this.rows)
  }

  private async writeAll(bytes: Uint8Array): Promise<void> {
    this.signal?.throwIfAborted()
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await this.handle.write(bytes, done, bytes.length - done, this.position)
      done += bytesWritten
      this.position += bytesWritten
    }
  }
}

/** What every format writer takes besides the path and the vectors. */
export interface RowStreamOptions {
  readonly onProgress?: (rowsWritten: number, totalRows: number) => void
  readonly signal?: AbortSignal
}
