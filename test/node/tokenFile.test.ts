import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { CorpusBuilder, type RawCorpus, rawCorpusFromText } from '../../src-main/core/corpus/index'
import { readCorpusFile } from '../../src-main/node/corpusFile'
import { FileTokenSink, openTokenSource, releaseTokenStore, retainTokenStore } from '../../src-main/node/tokenFile'
import { decodeTokenStream } from '../support/rawTokens'
import { streamingEdgeCaseText } from '../support/syntheticCorpus'
import { writeFileSync } from 'node:fs'

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

  it('name the folder in the error when they cannot be created', () => {
    expect(() => new FileTokenSink(join(dir, 'missing', 'folder'))).toThrow(/Could not create the corpus' token file in .*missing.*folder/)
  })
})
