/**
 * Writes a file so that the target name only ever holds a complete file: the bytes go to a
 * temporary file in the same folder (so the final rename never crosses file systems), are
 * flushed to disk, and the temporary file is then renamed over the target. Whatever fails —
 * a full disk, a read-only volume, a missing permission, a cancel — the temporary file is
 * removed, the previous file under the target name is untouched, and the caller gets a
 * `FileWriteError` whose message says what happened in words a user understands.
 *
 * The new file keeps the permissions of the file it replaces (a private 0600 file stays
 * private). A target that is a symbolic link is refused: writing through it would change a file
 * the user never named (anywhere on the disk: the classic planted-link attack on shared
 * folders), and renaming over it would silently replace the link the user set up with a plain
 * file. Either is a surprise; a sentence that names the link's target costs one more choice.
 */
import type { Stats } from 'node:fs'
import { type FileHandle, lstat, open, readlink, rename, unlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import { nonRegularKind } from './fileKind'
import {
  noteTemporaryFileClosed, removeStaleTemporaryFiles, temporaryPathFor, trackTemporaryFile, untrackTemporaryFile,
} from './temporaryFiles'

export type FileWriteFailure = 'diskFull' | 'permission' | 'readOnly' | 'missingFolder' | 'busy' | 'cancelled' | 'link' | 'notAFile' | 'io'

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
  const temporaryPath = temporaryPathFor(path)
  let handle: FileHandle | undefined
  let created = false
  try {
    signal?.throwIfAborted()
    const previous = await existingTarget(path, options)
    await removeStaleTemporaryFiles(path)
    handle = await open(temporaryPath, 'wx')
    created = true
    trackTemporaryFile(temporaryPath, handle.fd)
    if (previous) await keepOwnership(handle, previous)
    await write(handle)
    await handle.sync()
    await handle.close()
    handle = undefined
    noteTemporaryFileClosed(temporaryPath)
    signal?.throwIfAborted()
    await rename(temporaryPath, path)
    created = false
    untrackTemporaryFile(temporaryPath)
  } catch (error) {
    await handle?.close().catch(() => undefined)
    if (created) await unlink(temporaryPath).catch(() => undefined)
    untrackTemporaryFile(temporaryPath)
    throw describeWriteFailure(error, path, options)
  }
  await syncFolder(dirname(path))
}

/** The file the write replaces, if any; a link is refused (see the top of this file). */
async function existingTarget(path: string, options: AtomicWriteOptions): Promise<Stats | null> {
  let info: Stats
  try {
    info = await lstat(path)
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw error
  }
  const what = `${options.description ?? 'the file'} “${path}”`
  if (!info.isSymbolicLink()) {
    // Caught here, before any work: a folder fails only at the final rename (a bare EISDIR), and
    // renaming over a pipe or a device would replace it with a plain file.
    const kind = nonRegularKind(info)
    if (kind) throw new FileWriteError('notAFile', path, `Could not save ${what}: that name is ${kind}. Choose a file name.`)
    return info
  }
  const target = await readlink(path).catch(() => null)
  throw new FileWriteError('link', path, `Could not save ${what}: it is a symbolic link${target ? ` to “${target}”` : ''}, and the app does not write through links or replace them. Choose the file it points to, or another name.`)
}

/**
 * The replacement gets the old file's mode (and, where we may set it, its owner and group), set
 * before any byte is written so the data is never readable by more people than before.
 */
async function keepOwnership(handle: FileHandle, previous: Stats): Promise<void> {
  if (!previous.isFile()) return
  await handle.chmod(previous.mode & 0o7777)
  const mine = await handle.stat()
  if (mine.uid !== previous.uid || mine.gid !== previous.gid) {
    // Only root may give a file away; everyone else keeps the file as their own, as editors do.
    await handle.chown(previous.uid, previous.gid).catch(() => undefined)
  }
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

/** A system error's code (ENOENT, EACCES…), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** The failures a system error or a cancel can be; a link or a folder is refused before any system call fails. */
type SystemFailure = Exclude<FileWriteFailure, 'link' | 'notAFile'>

function failureKind(error: unknown, signal: AbortSignal | undefined): SystemFailure | undefined {
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
  const messages: Record<SystemFailure, string> = {
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
