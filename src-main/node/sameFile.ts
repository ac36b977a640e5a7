import { stat } from 'node:fs/promises'

/**
 * Whether two paths name one existing file, through links, case-insensitive file systems and
 * `..` alike: the same device and inode. A path that does not exist (yet) is no other file.
 */
export async function isSameFile(a: string, b: string): Promise<boolean> {
  const [sa, sb] = await Promise.all([stat(a).catch(() => null), stat(b).catch(() => null)])
  return sa !== null && sb !== null && sa.dev === sb.dev && sa.ino === sb.ino
}
