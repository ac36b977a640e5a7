/**
 * Checks, before any work starts, that every file a command will write can be written: its folder
 * exists and is writable, the name is not a folder or a device, it is none of the command's
 * inputs, no two outputs share a file, and (once the sizes are known) the disk has room. A long
 * run then never ends in a write that could have been refused at the start.
 */
import { randomBytes } from 'node:crypto'
import type { Stats } from 'node:fs'
import { open, realpath, stat, statfs, unlink } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { capitalised } from '../core/corpus/corpusErrors'
import { errorCode } from './atomicFile'
import { nonRegularKind } from './fileKind'
import { trackTemporaryFile, untrackTemporaryFile } from './temporaryFiles'

export type OutputLocationErrorKind = 'missingFolder' | 'notAFolder' | 'isFolder' | 'notAFile' | 'permission' | 'readOnly' | 'isInput' | 'sameOutput' | 'diskFull'

export class OutputLocationError extends Error {
  override readonly name = 'OutputLocationError'

  constructor(readonly kind: OutputLocationErrorKind, readonly path: string, message: string) {
    super(message)
  }
}

/** A file a command reads or writes, and how messages name it ('the corpus', 'the checkpoint'). */
export interface NamedFile {
  readonly path: string
  readonly description: string
}

export interface OutputFile extends NamedFile {
  /** Inputs this output may replace on purpose (a checkpoint saved back over the one resumed). */
  readonly mayReplace?: readonly string[]
}

async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path)
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw error
  }
}

/**
 * What a path will really name once links are followed: the file's device and inode when it
 * exists (so a symlink, a hard link or another spelling of the same file compares equal), else
 * the real path of its folder joined with its name.
 */
async function identity(path: string): Promise<string | null> {
  const info = await statOrNull(path).catch(() => null)
  if (info) return `inode ${info.dev}:${info.ino}`
  const folder = await realpath(dirname(resolve(path))).catch(() => null)
  return folder === null ? null : `path ${join(folder, basename(path))}`
}

async function checkFolder(output: NamedFile): Promise<void> {
  const what = `${output.description} “${output.path}”`
  const folder = dirname(resolve(output.path))
  let info
  try {
    info = await stat(folder)
  } catch (error) {
    const code = errorCode(error)
    if (code === 'ENOENT') throw new OutputLocationError('missingFolder', output.path, `The folder “${folder}” does not exist, so ${what} could not be saved there. Create the folder or choose another location.`)
    if (code === 'ENOTDIR') throw new OutputLocationError('notAFolder', output.path, `“${folder}” is not a folder (part of the path is a file), so ${what} could not be saved there.`)
    throw new OutputLocationError('permission', output.path, `The folder “${folder}” cannot be opened (${(error as Error).message}), so ${what} could not be saved there.`)
  }
  if (!info.isDirectory()) throw new OutputLocationError('notAFolder', output.path, `“${folder}” is not a folder, so ${what} could not be saved there.`)
  try {
    // The writer creates a temporary file beside the target and renames it, so that is what is
    // tried: permission bits alone miss read-only mounts seen by root, ACLs and pseudo file systems.
    const probe = join(folder, `.w2v-probe.${process.pid}.${randomBytes(6).toString('hex')}.tmp`)
    // Tracked as the writes' temporary files are, so a signal during the probe does not leave it behind.
    trackTemporaryFile(probe, null)
    try {
      await (await open(probe, 'wx')).close()
      await unlink(probe)
    } finally {
      untrackTemporaryFile(probe)
    }
  } catch (error) {
    if (errorCode(error) === 'EROFS') throw new OutputLocationError('readOnly', output.path, `The disk holding “${folder}” is read-only, so ${what} could not be saved. Choose another location.`)
    throw new OutputLocationError('permission', output.path, `You may not write to the folder “${folder}”, so ${what} could not be saved there. Choose a folder you are allowed to write to.`)
  }
  const target = await statOrNull(output.path).catch(() => null)
  const kind = target && nonRegularKind(target)
  if (kind) throw new OutputLocationError(target.isDirectory() ? 'isFolder' : 'notAFile', output.path, `“${output.path}” is ${kind}; give a file name for ${output.description}.`)
}

/**
 * Throws an OutputLocationError for the first output that cannot be written, is one of the
 * inputs (compared after following links) or is another output. Inputs that do not exist are
 * left to their readers to report.
 */
export async function checkOutputLocations(outputs: readonly OutputFile[], inputs: readonly NamedFile[]): Promise<void> {
  for (const output of outputs) await checkFolder(output)
  const inputIds = await Promise.all(inputs.map(async (input) => ({ input, id: await identity(input.path) })))
  const seen: { output: OutputFile; id: string }[] = []
  for (const output of outputs) {
    const id = await identity(output.path)
    if (id === null) continue
    const allowed = new Set((output.mayReplace ?? []).map((p) => resolve(p)))
    for (const { input, id: inputId } of inputIds) {
      if (inputId !== id || allowed.has(resolve(input.path))) continue
      throw new OutputLocationError('isInput', output.path, `Saving ${output.description} to “${output.path}” would overwrite ${input.description} “${input.path}” (the same file). Choose another name for ${output.description}.`)
    }
    const earlier = seen.find((s) => s.id === id)
    if (earlier) throw new OutputLocationError('sameOutput', output.path, `${capitalised(earlier.output.description)} and ${output.description} would both be saved to “${output.path}”; give them different names.`)
    seen.push({ output, id })
  }
}

const megabytes = (bytes: number): string => `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`

/**
 * Throws a 'diskFull' OutputLocationError when the files, at their estimated sizes, do not fit
 * in the free space of the disks they go to. Each write first goes to a temporary file beside
 * the old one, so the old file's size does not count as free. Where free space cannot be known
 * (statfs unsupported, or a file system that reports no size), nothing is refused.
 */
export async function checkFreeSpace(files: readonly (NamedFile & { readonly bytes: number })[]): Promise<void> {
  const disks = new Map<number, { folder: string; bytes: number; files: (NamedFile & { readonly bytes: number })[] }>()
  for (const file of files) {
    const folder = dirname(resolve(file.path))
    const device = (await stat(folder)).dev
    const disk = disks.get(device) ?? { folder, bytes: 0, files: [] }
    disk.bytes += file.bytes
    disk.files.push(file)
    disks.set(device, disk)
  }
  for (const disk of disks.values()) {
    let free: number
    try {
      const info = await statfs(disk.folder)
      // Pseudo and some network file systems report no size at all (0 blocks): nothing to judge by.
      if (info.blocks === 0) continue
      free = info.bavail * info.bsize
    } catch {
      continue
    }
    if (disk.bytes <= free) continue
    const names = disk.files.map((f) => `${f.description} “${f.path}”`).join(' and ')
    throw new OutputLocationError('diskFull', disk.files[0]!.path, `There is not enough free space for ${names}: ${disk.files.length > 1 ? 'they need' : 'it needs'} about ${megabytes(disk.bytes)} and the disk holding “${disk.folder}” has ${megabytes(free)} free. Free some space or choose another location.`)
  }
}
