import type { Stats } from 'node:fs'
import { stat } from 'node:fs/promises'

/**
 * What a path that is not a regular file is, in a user's words ("a named pipe"), or null for a
 * regular file. Every reader asks before it opens: opening a FIFO with no writer blocks forever,
 * and a device never ends. Writers ask too: renaming over a FIFO or a device (/dev/null as root)
 * would replace it with a regular file.
 */
export function nonRegularKind(info: Stats): string | null {
  if (info.isFile()) return null
  if (info.isDirectory()) return 'a folder'
  if (info.isFIFO()) return 'a named pipe'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device'
  return 'not a regular file'
}

/** stat, then nonRegularKind: a file-system error (ENOENT, EACCES) is thrown for the caller to word. */
export async function nonRegularKindAt(path: string): Promise<string | null> {
  return nonRegularKind(await stat(path))
}
