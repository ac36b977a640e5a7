import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { CorpusBuilder, type RawCorpus, rawCorpusFromText } from '../../src-main/core/corpus/index'
import { readCorpusFile } from '../../src-main/node/corpusFile'
import { FileTokenSink, openTokenSource, releaseTokenStore, retainTokenStore } from '../../src-main/node/tokenFile'
import { decodeTokenStream } from '../support/rawTokens'
import { streamingEdgeCaseText } from '../support/syntheticCorpus'
import type * as FsModule from 'node:fs'
import { unlinkSync, writeFileSync } from 'node:fs'

/** We run as root, so a full disk cannot be made for real: writeSync fails with this code while it is set. */
const fsMock = vi.hoisted(() => ({ failWrites: null as string | null }))
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof FsModule>()
  const writeSync = ((...args: Parameters<typeof fs.writeSync>) => {
    if (fsMock.failWrites !== null) throw Object.assign(new Error(`${fsMock.failWrites}: simulated failure, write`), { code: fsMock.failWrites })
    return (fs.writeSync as (...a: unknown[]) => number)(...args)
  }) as typeof fs.writeSync
  return { ...fs, default: { ...fs, writeSync }, writeSync }
})

const dir = mkdtempSync(join(tmpdir(), 'w2v-tokens-test-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const TEXT = streamingEdgeCaseText()
const fileStore = (raw: RawCorpus) => {
  if (raw.store.kind !== 'file') throw new Error('expected a file store')
  return raw.store
}

function inFile(text: string): RawCorpus {
  const builder = new CorpusBuilder({}, undefined, new FileTokenSink(dir))
  builder.addText(text)
  return builder.finish()
}

describe('token files', () => {
  it('hold the very stream the in-memory store holds, read back whole or from any offset', () => {
    const memory = rawCorpusFromText(TEXT)
    const file = inFile(TEXT)
    const store = fileStore(file)
    const expected = memory.store.kind === 'memory' ? memory.store.values : new Int32Array(0)
    expect(store.length).toBe(expected.length)
    expect(statSync(store.path).size).toBe(4 * expected.length)
    const source = openTokenSource(store)
    try {
      expect(decodeTokenStream(source)).toEqual(decodeTokenStream(openTokenSource(memory.store)))
      const piece = new Int32Array(new SharedArrayBuffer(4 * 1000))
      source.read(12_345, piece)
      expect(Array.from(piece)).toEqual(Array.from(expected.subarray(12_345, 13_345)))
    } finally {
      source.close()
      releaseTokenStore(store)
    }
  })

  it('are deleted by the last holder to let go', () => {
    const store = fileStore(inFile('a b c\nd e\n'))
    retainTokenStore(store) // a run on the corpus
    releaseTokenStore(store) // the corpus is replaced
    expect(existsSync(store.path)).toBe(true)
    releaseTokenStore(store) // the run ends
    expect(existsSync(store.path)).toBe(false)
  })

  it('are deleted when the read fails or finds no words', async () => {
    writeFileSync(join(dir, 'empty.txt'), '... !!!\n')
    const before = readdirSync(dir).filter((f) => f.endsWith('.i32'))
    await expect(readCorpusFile(join(dir, 'empty.txt'), { createSink: () => new FileTokenSink(dir) })).rejects.toThrow(/no words|empty/i)
    const controller = new AbortController()
    controller.abort()
    writeFileSync(join(dir, 'words.txt'), TEXT)
    await expect(readCorpusFile(join(dir, 'words.txt'), { createSink: () => new FileTokenSink(dir), signal: controller.signal })).rejects.toThrow()
    expect(readdirSync(dir).filter((f) => f.endsWith('.i32'))).toEqual(before)
  })

  it('left by a killed process are deleted by the next one writing in the same folder', () => {
    const folder = mkdtempSync(join(dir, 'stale-'))
    // No process has a PID this high (Linux caps them at 2^22); our own PID's files are ours to manage.
    const dead = join(folder, 'w2v-tokens-99999999-0123456789ab.i32')
    const ours = join(folder, `w2v-tokens-${process.pid}-0123456789ab.i32`)
    const other = join(folder, 'notes.i32')
    for (const path of [dead, ours, other]) writeFileSync(path, '')
    const store = new FileTokenSink(folder).finish()
    expect([existsSync(dead), existsSync(ours), existsSync(other)]).toEqual([false, true, true])
    releaseTokenStore(store)
  })

  it('make their folder when it is missing, and name it in a sentence when it cannot be made', () => {
    const made = new FileTokenSink(join(dir, 'missing', 'folder'))
    expect(made.path.startsWith(join(dir, 'missing', 'folder'))).toBe(true)
    made.discard()
    const aFile = join(dir, 'a-file')
    writeFileSync(aFile, 'not a folder')
    expect(() => new FileTokenSink(join(aFile, 'sub'))).toThrow(expect.objectContaining({
      name: 'CorpusError', kind: 'storage', message: expect.stringMatching(/^The prepared corpus could not be created in “.*a-file.sub” \(.*ENOTDIR.*\)\. Free some space or check that the folder is writable, then load the corpus again\.$/),
    }))
  })

  it('answer a full disk with a sentence, and leave no file behind', () => {
    const sink = new FileTokenSink(dir)
    sink.write(new Int32Array([1, 2, -1]))
    fsMock.failWrites = 'ENOSPC'
    try {
      expect(() => sink.write(new Int32Array([3, -1]))).toThrow(expect.objectContaining({
        kind: 'storage', message: expect.stringMatching(/^The disk is full: the prepared corpus \(4 bytes a word, in “.*w2v-tokens-.*\.i32”\) could not be written\. Free some space and load the corpus again\.$/),
      }))
    } finally {
      fsMock.failWrites = null
    }
    sink.discard()
    expect(existsSync(sink.path)).toBe(false)
  })

  it('that are gone when read are answered with a sentence', () => {
    const raw = inFile(TEXT)
    const store = fileStore(raw)
    unlinkSync(store.path)
    expect(() => openTokenSource(store)).toThrow(expect.objectContaining({ kind: 'storage', message: expect.stringMatching(/is gone \(another program or a cleaner of temporary files deleted it\)\. Load the corpus again\.$/) }))
    releaseTokenStore(store)
  })
})
