/**
 * Writes a file so that the target name only ever holds a complete file: the bytes go to a
 * temporary file in the same folder (so the final rename never crosses file systems), are
 * flushed to disk, and the temporary file is then renamed over the target. Whatever fails —
 * a full disk, a read-only volume, a missing permission, a cancel — the temporary file is
 * removed, the previous file under the target name is untouched, and the caller gets a
 * `FileWriteError` whose message says what happened in words a user understands.
 */
import { randomBytes } from 'node:crypto'
import { type FileHandle, open, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

export type FileWriteFailure = 'diskFull' | 'permission' | 'readOnly' | 'missingFolder' | 'busy' | 'cancelled' | 'io'

export class FileWriteError extends Error {
  override readonly name = 'FileWriteError'

  constructor(readonly kind: FileWriteFailure, readonly path: string, message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

export interface AtomicWriteOptions {
  /** Checked before the file is created and before it is renamed into place. */
  readonly signal?: AbortSignal
  /** What the file is, for messages: 'the checkpoint', 'the vectors'. Default 'the file'. */
  readonly description?: string
}

/**
 * Runs `write` on a fresh temporary file, then puts the file in place. `write` should check the
 * signal between batches itself; any error it throws aborts the whole write. Errors that carry a
 * system code (ENOSPC, EACCES, ...) or arrive after the signal fired become a `FileWriteError`;
 * any other error (the caller's own typed errors, bugs) is rethrown as it was, after cleanup.
 */
export async function writeFileAtomically(
  path: string,
  write: (handle: FileHandle) => Promise<void>,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const { signal } = options
  const temporaryPath = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
  let handle: FileHandle | undefined
  let created = false
  try {
    signal?.throwIfAborted()
    handle = await open(temporaryPath, 'wx')
    created = true
    await write(handle)
    await handle.sync()
    await handle.close()
    handle = undefined
    signal?.throwIfAborted()
    await rename(temporaryPath, path)
    created = false
  } catch (error) {
    await handle?.close().catch(() => undefined)
    if (created) await unlink(temporaryPath).catch(() => undefined)
    throw describeWriteFailure(error, path, options)
  }
  await syncFolder(dirname(path))
}

/**
 * Without flushing the folder, a power cut right after the rename can bring back the old file
 * (or none). Some platforms (Windows) cannot open a folder for syncing; the rename itself has
 * already succeeded there, so that is not a failure.
 */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined
  try {
    handle = await open(folder, 'r')
    await handle.sync()
  } catch {
    // best effort, see above
  } finally {
    await handle?.close().catch(() => undefined)
  }
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

function failureKind(error: unknown, signal: AbortSignal | undefined): FileWriteFailure | undefined {
  if (signal?.aborted || (error instanceof Error && error.name === 'AbortError')) return 'cancelled'
  switch (errorCode(error)) {
    case 'ENOSPC': case 'EDQUOT': return 'diskFull'
    case 'EACCES': case 'EPERM': return 'permission'
    case 'EROFS': return 'readOnly'
    case 'ENOENT': case 'ENOTDIR': return 'missingFolder'
    case 'EBUSY': case 'ETXTBSY': return 'busy'
    case undefined: return undefined
    default: return 'io'
  }
}

function describeWriteFailure(error: unknown, path: string, options: AtomicWriteOptions): unknown {
  if (error instanceof FileWriteError) return error
  const kind = failureKind(error, options.signal)
  if (!kind) return error
  const what = `${options.description ?? 'the file'} “${path}”`
  const folder = dirname(path)
  const messages: Record<FileWriteFailure, string> = {
    diskFull: `The disk is full: could not save ${what}. Free some space and try again.`,
    permission: `Permission denied: could not save ${what}. Choose a folder you are allowed to write to.`,
    readOnly: `The disk is read-only: could not save ${what}. Choose another location.`,
    missingFolder: `The folder “${folder}” does not exist: could not save ${what}.`,
    busy: `The file is in use by another program: could not save ${what}. Close that program and try again.`,
    cancelled: `Saving ${what} was cancelled; any earlier file of that name is unchanged.`,
    io: `Could not save ${what}: ${error instanceof Error ? error.message : String(error)}.`,
  }
  return new FileWriteError(kind, path, messages[kind], { cause: error })
}
