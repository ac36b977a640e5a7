/**
 * The temporary files an atomic write creates beside its target (`.name.PID.RANDOM.tmp`) and
 * what becomes of them when the write never finishes. Each one is registered while it is in
 * flight, so an exit this process sees — a normal end, `process.exit`, an uncaught error, or a
 * signal whose handler calls `removeTemporaryFilesSync` — removes it synchronously. A process
 * that was killed outright leaves its file behind; the next write of the same target removes
 * it, because the PID in its name belongs to no running process.
 */
import { randomBytes } from 'node:crypto'
import { closeSync, unlinkSync } from 'node:fs'
import { readdir, unlink } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

const RANDOM_BYTES = 6

/** path → the open descriptor (closed before unlinking, which Windows requires), or null once closed. */
const inFlight = new Map<string, number | null>()
let exitHookInstalled = false

export function temporaryPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(RANDOM_BYTES).toString('hex')}.tmp`)
}

export function trackTemporaryFile(path: string, fd: number | null): void {
  if (!exitHookInstalled) {
    exitHookInstalled = true
    // 'exit' runs on a normal end, on process.exit and after an uncaught error; only synchronous work gets done there.
    process.on('exit', removeTemporaryFilesSync)
  }
  inFlight.set(path, fd)
}

/** The write finished (renamed) or cleaned up after itself. */
export function untrackTemporaryFile(path: string): void {
  inFlight.delete(path)
}

/** The file is still there but its descriptor was closed (between the close and the rename). */
export function noteTemporaryFileClosed(path: string): void {
  if (inFlight.has(path)) inFlight.set(path, null)
}

/** Removes every temporary file still being written; for exit paths, where nothing asynchronous runs any more. */
export function removeTemporaryFilesSync(): void {
  for (const [path, fd] of inFlight) {
    if (fd !== null) {
      try {
        closeSync(fd)
      } catch {
        // already closed by the write that was interrupted
      }
    }
    try {
      unlinkSync(path)
    } catch {
      // gone already, or the folder went away
    }
  }
  inFlight.clear()
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Whether a process with this id is running (one we may not signal still counts). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM'
  }
}

/**
 * Removes the temporary files of earlier writes of `target` whose process is gone. A file of a
 * live process is another write in progress and is kept; a file with our own PID that this
 * process is not writing was left by an earlier process that had the same PID.
 */
export async function removeStaleTemporaryFiles(target: string): Promise<void> {
  const pattern = new RegExp(`^\\.${escapeRegExp(basename(target))}\\.(\\d+)\\.[0-9a-f]{${RANDOM_BYTES * 2}}\\.tmp$`)
  let names: string[]
  try {
    names = await readdir(dirname(target))
  } catch {
    return
  }
  for (const name of names) {
    const pid = Number(pattern.exec(name)?.[1] ?? Number.NaN)
    if (!Number.isSafeInteger(pid) || pid <= 0) continue
    const path = join(dirname(target), name)
    const stale = pid === process.pid ? !inFlight.has(path) : !isProcessAlive(pid)
    if (stale) await unlink(path).catch(() => undefined)
  }
}
