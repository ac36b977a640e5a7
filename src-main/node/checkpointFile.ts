/**
 * One-file training checkpoints: a JSON header the caller fills (config, schedule position,
 * RNG states, ...) plus named typed arrays (the matrices, vocabulary counts, optimizer state).
 *
 * Format, version 1. All integers little-endian; offsets count from the start of the file.
 *
 *   offset  bytes  field
 *        0      8  magic "W2VSCKPT"
 *        8      4  format version, uint32 (1)
 *       12      4  header length H in bytes, uint32
 *       16      8  file length L in bytes, uint64 (everything, this trailer's checksum included)
 *       24      4  CRC32 of bytes 0–23, so a damaged length reads as damage, not as a cut-off file
 *       28      H  header, UTF-8 JSON: { "meta": <any JSON>, "arrays": [{ "name", "dtype",
 *                  "length", "byteOffset" }, ...] }, dtype one of float32, float64, int32, uint32
 *                  then zero bytes up to the next multiple of 8
 *                  each array's raw bytes at its byteOffset, in header order, each starting at a
 *                  multiple of 8 (zero bytes between), so a reader holding the whole file in one
 *                  buffer can view every array in place without copying
 *      L-4      4  CRC32 (zlib's) of bytes 0 to L-5, at the first multiple of 8 after the data
 *
 * Every later format version keeps the first 28 bytes as they are, so that an old reader can
 * tell a newer checkpoint from a damaged one. The writer goes through `writeFileAtomically`.
 */
import { type FileHandle, open } from 'node:fs/promises'
import { endianness } from 'node:os'
import { crc32 } from 'node:zlib'
import { type FileWriteFailure, FileWriteError, writeFileAtomically } from './atomicFile'
import { nonRegularKindAt } from './fileKind'

export const CHECKPOINT_EXTENSION = '.w2vckpt'
export const CHECKPOINT_FORMAT_VERSION = 1

export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue }
export type CheckpointArray = Float32Array | Float64Array | Int32Array | Uint32Array

export interface Checkpoint {
  readonly meta: JsonValue
  readonly arrays: Readonly<Record<string, CheckpointArray>>
}

export type CheckpointErrorKind = 'notFound' | 'unreadable' | 'foreign' | 'version' | 'truncated' | 'corrupt' | FileWriteFailure

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError'

  constructor(readonly kind: CheckpointErrorKind, readonly path: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

const MAGIC = Buffer.from('W2VSCKPT', 'latin1')
const PREFIX_BYTES = 28
const TRAILER_BYTES = 4
/** Reads and writes go in pieces this size, so a cancel is noticed and no call exceeds fs limits. */
const CHUNK_BYTES = 64 * 1024 * 1024

const DTYPES = {
  float32: Float32Array,
  float64: Float64Array,
  int32: Int32Array,
  uint32: Uint32Array,
} as const
type Dtype = keyof typeof DTYPES

interface ArrayEntry {
  readonly name: string
  readonly dtype: Dtype
  readonly length: number
  readonly byteOffset: number
}

const align8 = (n: number): number => Math.ceil(n / 8) * 8

function dtypeOf(array: unknown): Dtype | undefined {
  return (Object.keys(DTYPES) as Dtype[]).find((dtype) => array instanceof DTYPES[dtype])
}

function bytesOf(array: CheckpointArray): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength)
}

/** Where each array goes, and where the checksum goes: a pure function of the header, so the reader can check it. */
function layout(headerBytes: number, arrays: readonly Omit<ArrayEntry, 'byteOffset'>[]): { entries: ArrayEntry[]; fileLength: number } {
  let position = align8(PREFIX_BYTES + headerBytes)
  const entries = arrays.map((a) => {
    const entry = { ...a, byteOffset: position }
    position = align8(position + a.length * DTYPES[a.dtype].BYTES_PER_ELEMENT)
    return entry
  })
  return { entries, fileLength: position + TRAILER_BYTES }
}

function assertLittleEndianHost(): void {
  // Arrays are written as their in-memory bytes; every platform Electron ships on is little-endian.
  if (endianness() !== 'LE') throw new Error('Checkpoints can only be read and written on a little-endian computer.')
}

/** The prefix and the JSON header, padded to 8 bytes, with the layout of everything after it. */
function encodeHead(checkpoint: Checkpoint): { head: Buffer; entries: ArrayEntry[]; fileLength: number } {
  const arrays = Object.entries(checkpoint.arrays).map(([name, array]) => {
    const dtype = dtypeOf(array)
    if (!dtype) throw new TypeError(`Checkpoint array "${name}" must be a Float32Array, Float64Array, Int32Array or Uint32Array.`)
    return { name, dtype, length: array.length }
  })
  // The offsets in the header depend on the header's own length: grow the length until the JSON
  // fits (it only grows, so this ends after a step or two), then pad the JSON with spaces.
  let headerBytes = 0
  for (;;) {
    const { entries, fileLength } = layout(headerBytes, arrays)
    const json = Buffer.from(JSON.stringify({ meta: checkpoint.meta, arrays: entries }), 'utf8')
    if (json.length > headerBytes) {
      headerBytes = json.length
      continue
    }
    const head = Buffer.alloc(align8(PREFIX_BYTES + headerBytes))
    MAGIC.copy(head, 0)
    head.writeUInt32LE(CHECKPOINT_FORMAT_VERSION, 8)
    head.writeUInt32LE(headerBytes, 12)
    head.writeBigUInt64LE(BigInt(fileLength), 16)
    head.writeUInt32LE(crc32(head.subarray(0, 24)), 24)
    head.fill(0x20, PREFIX_BYTES, PREFIX_BYTES + headerBytes)
    json.copy(head, PREFIX_BYTES)
    return { head, entries, fileLength }
  }
}

/** Writes `bytes` at `position` in pieces, returning the CRC32 continued from `crc`. */
async function writeAll(handle: FileHandle, bytes: Uint8Array, position: number, crc: number, signal?: AbortSignal): Promise<number> {
  for (let start = 0; start < bytes.length;) {
    signal?.throwIfAborted()
    const chunk = bytes.subarray(start, Math.min(bytes.length, start + CHUNK_BYTES))
    for (let done = 0; done < chunk.length;) {
      const { bytesWritten } = await handle.write(chunk, done, chunk.length - done, position + start + done)
      done += bytesWritten
    }
    crc = crc32(chunk, crc)
    start += chunk.length
  }
  return crc
}

/**
 * Saves `checkpoint` to `path` atomically: either the whole new checkpoint is there afterwards,
 * or the previous file is left exactly as it was and a `CheckpointError` says why.
 */
export async function writeCheckpoint(path: string, checkpoint: Checkpoint, options: { signal?: AbortSignal } = {}): Promise<void> {
  assertLittleEndianHost()
  const { signal } = options
  const { head, entries, fileLength } = encodeHead(checkpoint)
  const zeros = new Uint8Array(8)
  try {
    await writeFileAtomically(path, async (handle) => {
      let crc = await writeAll(handle, head, 0, 0, signal)
      let position = head.length
      for (const entry of entries) {
        crc = await writeAll(handle, zeros.subarray(0, entry.byteOffset - position), position, crc)
        const bytes = bytesOf(checkpoint.arrays[entry.name]!)
        crc = await writeAll(handle, bytes, entry.byteOffset, crc, signal)
        position = entry.byteOffset + bytes.length
      }
      const trailerAt = fileLength - TRAILER_BYTES
      crc = await writeAll(handle, zeros.subarray(0, trailerAt - position), position, crc)
      const trailer = Buffer.alloc(TRAILER_BYTES)
      trailer.writeUInt32LE(crc >>> 0, 0)
      await writeAll(handle, trailer, trailerAt, crc)
    }, { signal, description: 'the checkpoint' })
  } catch (error) {
    if (error instanceof FileWriteError) throw new CheckpointError(error.kind, path, error.message, { cause: error })
    throw error
  }
}

/** Reads exactly `target.length` bytes at `position`; false if the file ended first. */
async function readExactly(handle: FileHandle, target: Uint8Array, position: number): Promise<boolean> {
  for (let done = 0; done < target.length;) {
    const length = Math.min(target.length - done, CHUNK_BYTES)
    const { bytesRead } = await handle.read(target, done, length, position + done)
    if (bytesRead === 0) return false
    done += bytesRead
  }
  return true
}

class CheckpointReader {
  constructor(readonly path: string) {}

  fail(kind: CheckpointErrorKind, message: string, cause?: unknown): never {
    throw new CheckpointError(kind, this.path, message, { cause })
  }

  truncated(size: number, expected?: number): never {
    const howMuch = size === 0 ? 'it is empty' : expected === undefined ? `it ends after ${size} bytes` : `it has ${size} of its ${expected} bytes`
    this.fail('truncated', `The checkpoint “${this.path}” is incomplete (${howMuch}): it was probably cut off while being saved or copied. Use an earlier checkpoint.`)
  }

  corrupt(why: string): never {
    this.fail('corrupt', `The checkpoint “${this.path}” is damaged (${why}) and cannot be used. Use an earlier checkpoint.`)
  }

  /** The header's array list, checked field by field against the layout the writer would produce. */
  entries(header: unknown, headerBytes: number, fileLength: number): { meta: JsonValue; entries: ArrayEntry[] } {
    if (typeof header !== 'object' || header === null || !('meta' in header) || !('arrays' in header) || !Array.isArray(header.arrays)) {
      this.corrupt('its header has no meta or arrays')
    }
    const names = new Set<string>()
    const arrays = (header.arrays as unknown[]).map((raw, i) => {
      const a = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
      if (typeof a.name !== 'string' || names.has(a.name)) this.corrupt(`array ${i + 1} has a missing or repeated name`)
      if (typeof a.dtype !== 'string' || !Object.hasOwn(DTYPES, a.dtype)) this.corrupt(`array “${a.name}” has an unknown type`)
      if (!Number.isSafeInteger(a.length) || (a.length as number) < 0) this.corrupt(`array “${a.name}” has an invalid length`)
      names.add(a.name)
      return { name: a.name, dtype: a.dtype as Dtype, length: a.length as number, byteOffset: a.byteOffset }
    })
    const expected = layout(headerBytes, arrays)
    if (expected.fileLength !== fileLength) this.corrupt('its array lengths do not match its file length')
    expected.entries.forEach((entry, i) => {
      if (arrays[i]!.byteOffset !== entry.byteOffset) this.corrupt(`array “${entry.name}” is not where its header says`)
    })
    return { meta: header.meta as JsonValue, entries: expected.entries }
  }
}

/**
 * Loads a checkpoint written by `writeCheckpoint`, reading each array straight into its own
 * typed array. Rejects with a `CheckpointError` whose kind says what is wrong: 'notFound',
 * 'unreadable', 'foreign' (not a checkpoint), 'version' (from a newer app), 'truncated' or 'corrupt'.
 */
export function readCheckpoint(path: string, options: CheckpointReadOptions = {}): Promise<Checkpoint> {
  return withCheckpoint(path, (handle, reader) => readOpenCheckpoint(handle, reader, options.onProgress))
}

export interface CheckpointReadOptions {
  /** Bytes read so far of the whole file, after each chunk: a checkpoint of a large vocabulary takes seconds to read. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void
}

/**
 * A checkpoint's header alone, without its arrays or their checksum: what it says about itself
 * (its corpus, its settings), cheap to read even when the matrices are gigabytes. The same
 * errors as `readCheckpoint` for a file that is not a checkpoint or whose header is damaged.
 */
export function readCheckpointMeta(path: string): Promise<JsonValue> {
  return withCheckpoint(path, async (handle, reader) => (await readOpenHeader(handle, reader)).meta)
}

async function withCheckpoint<T>(path: string, read: (handle: FileHandle, reader: CheckpointReader) => Promise<T>): Promise<T> {
  assertLittleEndianHost()
  const reader: CheckpointReader = new CheckpointReader(path)
  let handle: FileHandle
  try {
    // Opening a FIFO would wait for a writer forever; a folder fails only at the first read.
    const kind = await nonRegularKindAt(path)
    if (kind) reader.fail('unreadable', `“${path}” is ${kind}, not a checkpoint.`)
    handle = await open(path, 'r')
  } catch (error) {
    if (error instanceof CheckpointError) throw error
    if ((error as { code?: unknown }).code === 'ENOENT') reader.fail('notFound', `The checkpoint “${path}” does not exist.`, error)
    reader.fail('unreadable', `Could not read the checkpoint “${path}”: ${(error as Error).message}.`, error)
  }
  try {
    return await read(handle, reader)
  } catch (error) {
    if (error instanceof CheckpointError) throw error
    reader.fail('unreadable', `Could not read the checkpoint “${path}”: ${(error as Error).message}.`, error)
  } finally {
    await handle.close().catch(() => undefined)
  }
}

async function readOpenHeader(handle: FileHandle, reader: CheckpointReader) {
  const { size } = await handle.stat()
  const prefix = Buffer.alloc(Math.min(size, PREFIX_BYTES))
  if (!await readExactly(handle, prefix, 0)) reader.truncated(size)
  const magicPart = prefix.subarray(0, MAGIC.length)
  if (!magicPart.equals(MAGIC.subarray(0, magicPart.length))) {
    reader.fail('foreign', `“${reader.path}” is not a Word2Vec Studio checkpoint.`)
  }
  if (size < PREFIX_BYTES) reader.truncated(size)
  if (crc32(prefix.subarray(0, 24)) !== prefix.readUInt32LE(24)) reader.corrupt('its header checksum does not match')
  const version = prefix.readUInt32LE(8)
  if (version > CHECKPOINT_FORMAT_VERSION) {
    reader.fail('version', `The checkpoint “${reader.path}” was saved by a newer version of Word2Vec Studio (format ${version}; this version reads format ${CHECKPOINT_FORMAT_VERSION}). Update the app to open it.`)
  }
  if (version < 1) reader.corrupt(`it has format version ${version}`)
  const headerBytes = prefix.readUInt32LE(12)
  const fileLength = Number(prefix.readBigUInt64LE(16))
  if (size < fileLength) reader.truncated(size, fileLength)
  if (size > fileLength) reader.corrupt(`it has ${size - fileLength} unexpected bytes at the end`)
  if (align8(PREFIX_BYTES + headerBytes) + TRAILER_BYTES > fileLength) reader.corrupt('its header is longer than the file')

  const headerBlock = Buffer.alloc(align8(PREFIX_BYTES + headerBytes) - PREFIX_BYTES)
  if (!await readExactly(handle, headerBlock, PREFIX_BYTES)) reader.truncated(size, fileLength)
  const crc = crc32(headerBlock, crc32(prefix))
  let header: unknown
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBlock.subarray(0, headerBytes)))
  } catch {
    reader.corrupt('its header is not valid JSON')
  }
  return { ...reader.entries(header, headerBytes, fileLength), size, fileLength, headerEnd: PREFIX_BYTES + headerBlock.length, crc }
}

async function readOpenCheckpoint(handle: FileHandle, reader: CheckpointReader, onProgress?: (bytesRead: number, totalBytes: number) => void): Promise<Checkpoint> {
  const header = await readOpenHeader(handle, reader)
  const { meta, entries, size, fileLength } = header
  let { crc } = header
  const arrays: Record<string, CheckpointArray> = {}
  let position = header.headerEnd
  const scratch = new Uint8Array(8)
  for (const entry of [...entries, null]) {
    const nextAt = entry ? entry.byteOffset : fileLength - TRAILER_BYTES
    const pad = scratch.subarray(0, nextAt - position)
    if (!await readExactly(handle, pad, position)) reader.truncated(size, fileLength)
    crc = crc32(pad, crc)
    if (!entry) break
    const array = new DTYPES[entry.dtype](entry.length)
    const bytes = bytesOf(array)
    for (let start = 0; start < bytes.length; start += CHUNK_BYTES) {
      const chunk = bytes.subarray(start, Math.min(bytes.length, start + CHUNK_BYTES))
      if (!await readExactly(handle, chunk, entry.byteOffset + start)) reader.truncated(size, fileLength)
      crc = crc32(chunk, crc)
      onProgress?.(entry.byteOffset + start + chunk.length, fileLength)
    }
    arrays[entry.name] = array
    position = entry.byteOffset + bytes.length
  }
  const trailer = Buffer.alloc(TRAILER_BYTES)
  if (!await readExactly(handle, trailer, fileLength - TRAILER_BYTES)) reader.truncated(size, fileLength)
  if (trailer.readUInt32LE(0) !== crc >>> 0) reader.corrupt('its checksum does not match its contents')
  onProgress?.(fileLength, fileLength)
  return { meta, arrays }
}
