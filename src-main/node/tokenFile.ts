/**
 * The token stream of a corpus (core/corpus/tokenStream.ts) in a file: written while the corpus
 * is read, read back a chunk at a time by every training thread, so a corpus of any length
 * costs memory only for its types. The file is ours alone (`w2v-tokens-PID-RANDOM.i32` in a
 * temporary folder), little-endian int32 as Node's typed arrays are on every platform it runs on.
 *
 * Lifetime: each holder (the loaded corpus, each run on it) retains the store and releases it
 * when done; the last release deletes the file. Whatever this process still holds at exit is
 * deleted then too (temporaryFiles.ts); what a killed process left behind is deleted by the next
 * process that writes a token file in the same folder (the PID in the name is no longer running).
 */
import { randomBytes } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readSync, readdirSync, unlinkSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { tokenFileError } from '../core/corpus/corpusErrors'
import { type TokenSource, type TokenStore, type TokenStoreWriter, memoryTokenSource } from '../core/corpus/tokenStore'
import { isProcessAlive, noteTemporaryFileClosed, trackTemporaryFile, untrackTemporaryFile } from './temporaryFiles'

const TOKEN_FILE = /^w2v-tokens-(\d+)-[0-9a-f]{12}\.i32$/

export class FileTokenSink implements TokenStoreWriter {
  readonly path: string
  private fd: number | null
  private count = 0

  /** A new, empty stream file in `directory` (the OS's temporary folder unless given), the folder made if need be. */
  constructor(directory: string = tmpdir()) {
    this.path = join(directory, `w2v-tokens-${process.pid}-${randomBytes(6).toString('hex')}.i32`)
    try {
      mkdirSync(directory, { recursive: true })
      removeStaleTokenFiles(directory)
      this.fd = openSync(this.path, 'wx')
    } catch (error) {
      throw tokenFileError('create', directory, error)
    }
    trackTemporaryFile(this.path, this.fd)
  }

  get length(): number {
    return this.count
  }

  write(values: Int32Array): void {
    if (this.fd === null) throw new Error('FileTokenSink.write after finish().')
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
    try {
      for (let done = 0; done < bytes.length;) done += writeSync(this.fd, bytes, done, bytes.length - done)
    } catch (error) {
      throw tokenFileError('write', this.path, error)
    }
    this.count += values.length
  }

  finish(): TokenStore {
    if (this.fd !== null) {
      closeSync(this.fd)
      this.fd = null
      noteTemporaryFileClosed(this.path)
      holders.set(this.path, 1)
    }
    return { kind: 'file', path: this.path, length: this.count }
  }

  discard(): void {
    if (this.fd !== null) closeSync(this.fd)
    this.fd = null
    deleteFile(this.path)
  }
}

/** A reader of either store; a file is read with positioned reads, so any number of threads may each open their own. */
export function openTokenSource(store: TokenStore): TokenSource {
  if (store.kind === 'memory') return memoryTokenSource(store)
  const { path, length } = store
  let fd: number | null
  try {
    fd = openSync(path, 'r')
  } catch (error) {
    throw tokenFileError('read', path, error)
  }
  return {
    length,
    read(offset, into) {
      if (fd === null) throw new Error(`The token file ${path} is closed.`)
      const bytes = new Uint8Array(into.buffer, into.byteOffset, into.byteLength)
      for (let done = 0; done < bytes.length;) {
        let n: number
        try {
          n = readSync(fd, bytes, done, bytes.length - done, 4 * offset + done)
        } catch (error) {
          throw tokenFileError('read', path, error)
        }
        if (n === 0) throw tokenFileError('read', path, new Error('it ends early: another program changed or truncated it'))
        done += n
      }
    },
    close() {
      if (fd !== null) closeSync(fd)
      fd = null
    },
  }
}

/** Holders of each file store this process wrote. */
const holders = new Map<string, number>()

/** Another holder of the store (a run on the loaded corpus); memory stores need no bookkeeping. */
export function retainTokenStore(store: TokenStore): void {
  if (store.kind === 'file' && holders.has(store.path)) holders.set(store.path, holders.get(store.path)! + 1)
}

/** A holder is done with the store: the last one deletes its file. */
export function releaseTokenStore(store: TokenStore): void {
  if (store.kind !== 'file' || !holders.has(store.path)) return
  const left = holders.get(store.path)! - 1
  if (left > 0) holders.set(store.path, left)
  else deleteFile(store.path)
}

/** Folders already swept by this process. */
const swept = new Set<string>()

/** Deletes the token files of processes that are gone (killed before their exit hook ran), once per folder. */
function removeStaleTokenFiles(directory: string): void {
  if (swept.has(directory)) return
  swept.add(directory)
  let names: string[]
  try {
    names = readdirSync(directory)
  } catch {
    return // the sink's own open reports a folder that cannot be used
  }
  for (const name of names) {
    const pid = Number(TOKEN_FILE.exec(name)?.[1] ?? Number.NaN)
    if (!Number.isSafeInteger(pid) || pid === process.pid || isProcessAlive(pid)) continue
    try {
      unlinkSync(join(directory, name))
    } catch {
      // removed by another process sweeping at the same time
    }
  }
}

function deleteFile(path: string): void {
  holders.delete(path)
  untrackTemporaryFile(path)
  try {
    unlinkSync(path)
  } catch {
    // already gone: removed by hand, or its folder was
  }
}
