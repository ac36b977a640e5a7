/**
 * Vector files are read a chunk (1 MiB by default) at a time into one reused buffer, so a file
 * of any size is never held whole. `ReadProgress` adds up the bytes of every file a format reads
 * (the Projector and NumPy formats read two) and checks for cancellation before each chunk.
 */
import { type FileHandle, open } from 'node:fs/promises'
import { nonRegularKindAt } from '../fileKind'
import { VectorsFileError, cancelledError, fileLabel, fileSystemError } from './vectorsFileError'

export const DEFAULT_CHUNK_BYTES = 1 << 20

/** A line longer than this cannot be part of a vector file; stop before memory runs out. */
export const MAX_LINE_BYTES = 64 << 20

export class ReadProgress {
  private bytesRead = 0
  private totalBytes = 0
  private reported = -1

  constructor(
    /** The file named when a cancel is reported. */
    private readonly path: string,
    private readonly onProgress: ((bytesRead: number, totalBytes: number) => void) | undefined,
    private readonly signal: AbortSignal | undefined,
  ) {}

  addFile(size: number): void {
    this.totalBytes += size
  }

  throwIfCancelled(): void {
    if (this.signal?.aborted) throw cancelledError(this.path)
  }

  advance(bytes: number): void {
    this.bytesRead += bytes
    // A file that grew since it was measured must not push progress past 100 %.
    this.totalBytes = Math.max(this.totalBytes, this.bytesRead)
    this.report(this.bytesRead)
  }

  /** Reading stopped early (a limit) or ended: the work is done, so say 100 %. */
  complete(): void {
    if (this.reported !== this.totalBytes) this.report(this.totalBytes)
  }

  private report(bytes: number): void {
    this.reported = bytes
    this.onProgress?.(bytes, this.totalBytes)
  }
}

export class ChunkedFile {
  private readonly buffer: Buffer
  private position = 0

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    readonly size: number,
    private readonly progress: ReadProgress,
    chunkBytes: number,
  ) {
    this.buffer = Buffer.allocUnsafe(chunkBytes)
  }

  /** Opens `path` and counts its size into `progress`; the caller closes it. */
  static async open(path: string, progress: ReadProgress, chunkBytes: number): Promise<ChunkedFile> {
    let handle: FileHandle | undefined
    try {
      await refuseNonRegular(path)
      handle = await open(path, 'r')
      const info = await handle.stat()
      progress.addFile(info.size)
      return new ChunkedFile(path, handle, info.size, progress, chunkBytes)
    } catch (error) {
      await handle?.close().catch(() => undefined)
      throw fileSystemError(path, error)
    }
  }

  /** Bytes read so far: the offset of the next chunk. */
  get offset(): number {
    return this.position
  }

  /** The next chunk, a view that stays valid until the next call; null at the end of the file. */
  async next(): Promise<Buffer | null> {
    this.progress.throwIfCancelled()
    let n: number
    try {
      n = (await this.handle.read(this.buffer, 0, this.buffer.length, this.position)).bytesRead
    } catch (error) {
      throw fileSystemError(this.path, error)
    }
    if (n === 0) return null
    this.position += n
    this.progress.advance(n)
    return this.buffer.subarray(0, n)
  }

  async close(): Promise<void> {
    await this.handle.close().catch(() => undefined)
  }
}

/** Checked before opening: a FIFO with no writer would block the open forever. */
async function refuseNonRegular(path: string): Promise<void> {
  const kind = await nonRegularKindAt(path)
  if (kind) throw new VectorsFileError('notAFile', path, `${fileLabel(path)} is ${kind}, not a vector file.`)
}

/** Opens the file, runs `read` on it, and always closes it. */
export async function withChunkedFile<T>(path: string, progress: ReadProgress, chunkBytes: number, read: (file: ChunkedFile) => Promise<T>): Promise<T> {
  const file = await ChunkedFile.open(path, progress, chunkBytes)
  try {
    return await read(file)
  } finally {
    await file.close()
  }
}

/** The first `bytes` bytes of a file (fewer if it is shorter), for sniffing its format. */
export async function readHead(path: string, bytes: number): Promise<Buffer> {
  let handle: FileHandle | undefined
  try {
    await refuseNonRegular(path)
    handle = await open(path, 'r')
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } catch (error) {
    throw fileSystemError(path, error)
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

/**
 * Called once per line with the line's bytes `bytes[start, end)`, without its line break (LF or
 * CRLF) and, on line 1, without a UTF-8 byte-order mark. `terminated` is false only for a last
 * line that has no line break (where a cut-short file ends). Return false to stop reading.
 */
export type LineHandler = (bytes: Buffer, start: number, end: number, line: number, terminated: boolean) => boolean | void

/** Reads `file` line by line; returns the number of lines seen. A line may span chunks. */
export async function forEachLine(file: ChunkedFile, onLine: LineHandler): Promise<number> {
  let line = 0
  /** The start of a line that continues into the next chunk, copied (the chunk buffer is reused). */
  let pending: Buffer[] = []
  let pendingBytes = 0
  const emit = (bytes: Buffer, start: number, end: number, terminated: boolean): boolean => {
    line++
    if (line === 1 && end - start >= 3 && bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3
    if (end > start && bytes[end - 1] === 0x0d) end--
    return onLine(bytes, start, end, line, terminated) !== false
  }
  for (let chunk = await file.next(); chunk !== null; chunk = await file.next()) {
    let start = 0
    let newline = chunk.indexOf(0x0a)
    if (newline !== -1 && pendingBytes > 0) {
      const joined = Buffer.concat([...pending, chunk.subarray(0, newline)])
      pending = []
      pendingBytes = 0
      if (!emit(joined, 0, joined.length, true)) return line
      start = newline + 1
      newline = chunk.indexOf(0x0a, start)
    }
    for (; newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      if (!emit(chunk, start, newline, true)) return line
      start = newline + 1
    }
    if (start < chunk.length) {
      pending.push(Buffer.from(chunk.subarray(start)))
      pendingBytes += chunk.length - start
      if (pendingBytes > MAX_LINE_BYTES) {
        throw new VectorsFileError('malformed', file.path, `Line ${line + 1} of ${fileLabel(file.path)} is longer than ${MAX_LINE_BYTES >> 20} MB, so this is not a vector file in a text format.`, { line: line + 1 })
      }
    }
  }
  if (pendingBytes > 0) {
    const last = Buffer.concat(pending)
    emit(last, 0, last.length, false)
  }
  return line
}

/**
 * Feeds `consume` the bytes not used yet (carried over, copied) followed by the next chunks, with
 * the file offset where they start. `consume` returns how many bytes it used (the rest is carried
 * into the next call), or -1 to stop reading. Returns what was left unused at the end. When
 * `consume` leaves a long rest (a vector larger than a chunk), it is next called once the rest
 * has at least doubled, so a vector spread over many small chunks is not copied again and again.
 */
export async function forEachChunkCarrying(file: ChunkedFile, consume: (data: Buffer, at: number) => number): Promise<{ rest: Buffer; at: number }> {
  /** Copies (the chunk buffer is reused by the next read) of the bytes not used yet. */
  let parts: Buffer[] = []
  let pendingBytes = 0
  let waitFor = 0
  /** Whether `consume` has seen everything in `parts`. */
  let offered = true
  let at = 0
  const feed = (data: Buffer): boolean => {
    const used = consume(data, at)
    if (used === -1) return false
    at += used
    pendingBytes = data.length - used
    parts = pendingBytes === 0 ? [] : [Buffer.from(data.subarray(used))]
    waitFor = 2 * pendingBytes
    offered = true
    return true
  }
  const stopped = { rest: Buffer.alloc(0), at: 0 }
  for (let chunk = await file.next(); chunk !== null; chunk = await file.next()) {
    if (pendingBytes + chunk.length < waitFor) {
      parts.push(Buffer.from(chunk))
      pendingBytes += chunk.length
      offered = false
      continue
    }
    if (!feed(parts.length === 0 ? chunk : Buffer.concat([...parts, chunk]))) return stopped
  }
  if (!offered && !feed(Buffer.concat(parts))) return stopped
  return { rest: Buffer.concat(parts), at }
}
