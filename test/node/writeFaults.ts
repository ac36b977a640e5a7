/**
 * Simulated write failures for the atomic-write tests: we run as root here, so a read-only
 * folder or a full disk cannot be produced for real. Patches `FileHandle.prototype.write`.
 */
import { open, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type MockInstance, vi } from 'vitest'

type Write = (...args: unknown[]) => Promise<unknown>

async function fileHandlePrototype(): Promise<{ write: Write }> {
  const probe = join(tmpdir(), `w2v-probe-${process.pid}`)
  const handle = await open(probe, 'w')
  await handle.close()
  await unlink(probe)
  return Object.getPrototypeOf(handle) as { write: Write }
}

/** A system error as Node raises it, e.g. `systemError('ENOSPC')`. */
export function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: simulated failure, write`), { code })
}

/**
 * Lets the first `okWrites` writes through, then runs `onWrite` before each later one; throwing
 * from `onWrite` fails that write. Restore with `mockRestore()`.
 */
export async function interceptWrites(okWrites: number, onWrite: () => void): Promise<MockInstance<Write>> {
  const proto = await fileHandlePrototype()
  const original = proto.write
  let calls = 0
  return vi.spyOn(proto, 'write').mockImplementation(function (this: unknown, ...args: unknown[]) {
    if (calls++ >= okWrites) onWrite()
    return original.apply(this, args)
  })
}
