import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
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

  it('cleans up when the final rename fails (the target is a folder)', async () => {
    const target = join(dir, 'out.txt')
    await mkdir(target)
    await writeFile(join(target, 'inside'), 'x')
    const error = await failure(writeText(target, 'x'))
    expect(error.kind).toBe('io')
    expect(await readdir(dir)).toEqual(['out.txt'])
    expect(await readdir(target)).toEqual(['inside'])
  })
})
