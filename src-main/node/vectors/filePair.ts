/**
 * Writes the two files of a two-file format (the Projector's vectors.tsv + metadata.tsv, NumPy's
 * .npy + vocabulary) so that a failure leaves neither new file under its target name.
 *
 * Both go through `writeFileAtomically`, nested: the main file is written in full and flushed
 * to disk under its temporary name; then, still inside that write, the companion is written,
 * flushed and renamed into place (the commit point); finally the main file is closed and
 * renamed. Every failure before the commit point (disk full, no permission, cancel, a refused
 * rename of the companion) removes both temporary files and leaves any earlier files of those
 * names untouched.
 *
 * Once the companion's write has returned, only the main file's close and rename remain, its
 * bytes already on disk, and a cancel is no longer obeyed. Should that rename fail anyway (e.g. a folder has
 * taken the main file's name), the companion just put in place is deleted, so no mismatched pair
 * remains: the earlier main file is unchanged, but an earlier companion of that name is gone
 * (it was replaced, then deleted). A crash or power cut between the two renames can leave the
 * new companion beside the earlier main file; the error cannot be reported then.
 */
import { type FileHandle, unlink } from 'node:fs/promises'
import { writeFileAtomically } from '../atomicFile'

export interface PairedFile {
  readonly path: string
  readonly write: (handle: FileHandle) => Promise<void>
  /** For messages: 'the vectors', 'the word list'. */
  readonly description: string
}

export async function writeFilePairAtomically(main: PairedFile, companion: PairedFile, signal?: AbortSignal): Promise<void> {
  // The main write gets its own signal, cancelled with the caller's only up to the commit point,
  // so a late cancel cannot undo the main rename after the companion is in place.
  const beforeCommit = new AbortController()
  let committed = false
  const forward = (): void => {
    if (!committed) beforeCommit.abort(signal?.reason)
  }
  if (signal?.aborted) forward()
  signal?.addEventListener('abort', forward, { once: true })
  try {
    await writeFileAtomically(main.path, async (handle) => {
      await main.write(handle)
      await handle.sync()
      await writeFileAtomically(companion.path, companion.write, { signal, description: companion.description })
      committed = true
    }, { signal: beforeCommit.signal, description: main.description })
  } catch (error) {
    if (committed) await unlink(companion.path).catch(() => undefined)
    throw error
  } finally {
    signal?.removeEventListener('abort', forward)
  }
}
