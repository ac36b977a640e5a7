import { spawn, spawnSync } from 'node:child_process'
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FileWriteError, writeFileAtomically } from '../../src-main/node/atomicFile'
import { systemError } from './writeFaults'

let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-atomic-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function writeText(path: string, text: string, options = {}): Promise<void> {
  await writeFileAtomically(path, async (handle) => {
    await handle.write(text, 0, 'utf8')
  }, options)
}

async function failure(promise: Promise<unknown>): Promise<FileWriteError> {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(FileWriteError)
  return error as FileWriteError
}

describe('writeFileAtomically', () => {
  it('creates the file, then replaces it, leaving no temporary file', async () => {
    const target = join(dir, 'out.txt')
    await writeText(target, 'first')
    expect(await readFile(target, 'utf8')).toBe('first')
    await writeText(target, 'second, longer')
    expect(await readFile(target, 'utf8')).toBe('second, longer')
    expect(await readdir(dir)).toEqual(['out.txt'])
  })

  it.each([
    ['ENOSPC', 'diskFull', /^The disk is full: could not save the vectors “.*out\.txt”\. Free some space and try again\.$/],
    ['EACCES', 'permission', /^Permission denied: could not save the vectors “.*out\.txt”/],
    ['EPERM', 'permission', /^Permission denied/],
    ['EROFS', 'readOnly', /^The disk is read-only: could not save the vectors “.*out\.txt”/],
    ['EIO', 'io', /^Could not save the vectors “.*out\.txt”: EIO: simulated failure/],
  ])('a %s failure mid-write becomes a %s error and keeps the previous file', async (code, kind, message) => {
    const target = join(dir, 'out.txt')
    await writeFile(target, 'previous')
    const error = await failure(writeFileAtomically(target, async (handle) => {
      await handle.write('partial new content', 0, 'utf8')
      throw systemError(code)
    }, { description: 'the vectors' }))
    expect(error.kind).toBe(kind)
    expect(error.path).toBe(target)
    expect(error.message).toMatch(message)
    expect((error.cause as { code: string }).code).toBe(code)
    expect(await readFile(target, 'utf8')).toBe('previous')
    expect(await readdir(dir)).toEqual(['out.txt'])
  })

  it('rethrows the caller’s own errors unchanged, after cleaning up', async () => {
    class OwnError extends Error {}
    const own = new OwnError('bad word')
    const target = join(dir, 'out.txt')
    await expect(writeFileAtomically(target, async (handle) => {
      await handle.write('x', 0, 'utf8')
      throw own
    })).rejects.toBe(own)
    expect(await readdir(dir)).toEqual([])
  })

  it('does not create anything when cancelled before it starts', async () => {
    const controller = new AbortController()
    controller.abort()
    let called = false
    const error = await failure(writeFileAtomically(join(dir, 'out.txt'), async () => {
      called = true
    }, { signal: controller.signal }))
    expect(error.kind).toBe('cancelled')
    expect(error.message).toMatch(/^Saving the file “.*out\.txt” was cancelled/)
    expect(called).toBe(false)
    expect(await readdir(dir)).toEqual([])
  })

  it('keeps the previous file when cancelled during the write, even if the writer ignores the signal', async () => {
    const target = join(dir, 'out.txt')
    await writeFile(target, 'previous')
    const controller = new AbortController()
    const error = await failure(writeFileAtomically(target, async (handle) => {
      await handle.write('new', 0, 'utf8')
      controller.abort()
    }, { signal: controller.signal }))
    expect(error.kind).toBe('cancelled')
    expect(await readFile(target, 'utf8')).toBe('previous')
    expect(await readdir(dir)).toEqual(['out.txt'])
  })

  it('names the missing folder', async () => {
    const target = join(dir, 'nowhere', 'out.txt')
    const error = await failure(writeText(target, 'x'))
    expect(error.kind).toBe('missingFolder')
    expect(error.message).toContain(join(dir, 'nowhere'))
  })

  it('refuses a target that is a folder, in words, leaving nothing behind', async () => {
    const target = join(dir, 'out.txt')
    await mkdir(target)
    await writeFile(join(target, 'inside'), 'x')
    const error = await failure(writeText(target, 'x'))
    // The user's choice of name, not a failure of the disk: the CLI exits 2 for it, not 1.
    expect(error.kind).toBe('notAFile')
    expect(error.message).toBe(`Could not save the file “${target}”: that name is a folder. Choose a file name.`)
    expect(await readdir(dir)).toEqual(['out.txt'])
    expect(await readdir(target)).toEqual(['inside'])
  })
})

describe('writeFileAtomically and what it replaces', () => {
  it('keeps the permissions of the file it replaces', async () => {
    const target = join(dir, 'private.vec')
    await writeFile(target, 'secret', { mode: 0o600 })
    await chmod(target, 0o600)
    await writeText(target, 'still secret')
    expect((await stat(target)).mode & 0o777).toBe(0o600)
    await chmod(target, 0o640)
    await writeText(target, 'shared with the group')
    expect((await stat(target)).mode & 0o777).toBe(0o640)
  })

  it('refuses a target that is a symbolic link, leaving the link and the file it points to alone', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'w2v-outside-'))
    try {
      const pointed = join(outside, 'profile')
      await writeFile(pointed, 'precious')
      const link = join(dir, 'out.vec')
      await symlink(pointed, link)
      const error = await failure(writeText(link, 'overwritten?', { description: 'the vectors' }))
      expect(error.kind).toBe('link')
      expect(error.message).toBe(`Could not save the vectors “${link}”: it is a symbolic link to “${pointed}”, and the app does not write through links or replace them. Choose the file it points to, or another name.`)
      expect((await lstat(link)).isSymbolicLink()).toBe(true)
      expect(await readFile(pointed, 'utf8')).toBe('precious')
      expect(await readdir(dir)).toEqual(['out.vec'])
    } finally {
      await rm(outside, { recursive: true, force: true })
    }
  })
})

describe('temporary files left behind', () => {
  const tmpName = (target: string, pid: number) => `.${target}.${pid}.0123456789ab.tmp`

  it('removes those of processes that are gone before writing, and keeps those of running ones', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' })
    try {
      await writeFile(join(dir, tmpName('out.vec', dead)), 'left by a killed export')
      await writeFile(join(dir, tmpName('out.vec', live.pid!)), 'another export in progress')
      await writeFile(join(dir, tmpName('out.vec', process.pid)), 'left by an earlier process with our PID')
      await writeFile(join(dir, tmpName('other.vec', dead)), 'another target: not ours to judge now')
      await writeText(join(dir, 'out.vec'), 'fresh')
      expect((await readdir(dir)).sort()).toEqual([tmpName('other.vec', dead), tmpName('out.vec', live.pid!), 'out.vec'].sort())
    } finally {
      live.kill()
    }
  })

  it('are removed when the process exits in the middle of a write', async () => {
    const target = join(dir, 'big.vec')
    const script = `
      import { writeFileAtomically } from ${JSON.stringify(join(process.cwd(), 'src-main/node/atomicFile.ts'))}
      void writeFileAtomically(${JSON.stringify(target)}, async (handle) => {
        await handle.write('partial', 0, 'utf8')
        process.exit(3)
      })`
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(result.status, result.stderr).toBe(3)
    expect(await readdir(dir)).toEqual([])
  })
})
