// Starts corpus preparation threads (node:worker_threads), from source through tsx.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateMixedScriptText } from '../../bench/mixedScriptCorpus'
import { CorpusError, type RawCorpus } from '../../src-main/core/corpus/index'
import { type ReadCorpusOptions, readCorpusFiles } from '../../src-main/node/corpusFile'
import { ParallelPreparation } from '../../src-main/node/parallelPreparation'
import { plainRaw } from '../support/rawTokens'

let dir = ''
const file = (name: string) => join(dir, name)
const plain = (raw: RawCorpus) => plainRaw(raw)
const PARALLEL: ReadCorpusOptions = { threads: 2, parallelFromBytes: 0 }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-parallel-'))
  let text = ''
  generateMixedScriptText(400_000, { seed: 3, typesPerScript: 2000 }, (piece) => (text += piece))
  await writeFile(file('mixed.txt'), text)
  await writeFile(file('a.txt'), 'end of a line without its end')
  await writeFile(file('b.txt'), 'start of b\r')
  await writeFile(file('c.txt'), '\nc after a lone CR that b ended with\n')
  await writeFile(file('punctuation.txt'), '... !!! —\n'.repeat(100))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('readCorpusFiles on several threads', () => {
  it('makes exactly the corpus one thread makes, for every chunk size and option set', async () => {
    const runs: [number, ReadCorpusOptions['tokenizer']][] = [
      [4099, {}], [65_536, { punctuation: 'keep', numbers: 'strip' }], [1 << 20, { lowercase: false }], [4099, { locale: 'tr' }],
    ]
    for (const [chunkBytes, tokenizer] of runs) {
      const one = await readCorpusFiles([file('mixed.txt')], { tokenizer, chunkBytes, threads: 1 })
      const two = await readCorpusFiles([file('mixed.txt')], { ...PARALLEL, tokenizer, chunkBytes })
      expect(plain(two.raw), `${chunkBytes} ${JSON.stringify(tokenizer)}`).toEqual(plain(one.raw))
      expect(two.files).toEqual(one.files)
    }
  })

  it('starts each file on a new line, as one thread does', async () => {
    const paths = [file('a.txt'), file('b.txt'), file('c.txt'), file('a.txt')]
    const one = await readCorpusFiles(paths, { threads: 1, chunkBytes: 7 })
    for (const threads of [2, 3]) expect(plain((await readCorpusFiles(paths, { ...PARALLEL, threads, chunkBytes: 7 })).raw)).toEqual(plain(one.raw))
  })

  it('reports progress after every chunk, up to the total size', async () => {
    const calls: number[] = []
    const result = await readCorpusFiles([file('mixed.txt')], { ...PARALLEL, chunkBytes: 50_000, onProgress: (read) => calls.push(read) })
    expect(calls).toHaveLength(Math.ceil(result.bytes / 50_000))
    expect(calls.at(-1)).toBe(result.bytes)
  })

  it('is cancelled by the signal, and says so', async () => {
    const controller = new AbortController()
    const error = await readCorpusFiles([file('mixed.txt')], { ...PARALLEL, chunkBytes: 10_000, signal: controller.signal, onProgress: () => controller.abort() })
      .then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(CorpusError)
    expect((error as CorpusError).kind).toBe('cancelled')
  })

  it('drops the replies still in flight when it is disposed (a cancel), rather than writing them to a sink that is gone', async () => {
    const writes: string[] = []
    let disposed = false
    const sink = {
      length: 0,
      write: () => void writes.push(disposed ? 'after dispose' : 'before'),
      finish: () => ({ kind: 'memory', values: new Int32Array(0) }) as never,
      discard: () => undefined,
    }
    const preparation = new ParallelPreparation(2, {}, sink)
    const line = 'the quick brown fox jumps over the lazy dog\n'.repeat(2000)
    // The fifth piece waits for room, i.e. for a reply: the threads are up. Then more pieces, and
    // this thread held while they answer, so that replies queue up behind the dispose.
    for (let piece = 0; piece < 5; piece++) await preparation.addText(line)
    // Waiting for room when the dispose comes: they end with the threads' failure, which nobody here reads.
    for (let piece = 0; piece < 3; piece++) preparation.addText(line).catch(() => undefined)
    const until = Date.now() + 500
    while (Date.now() < until) { /* the threads tokenize and post meanwhile */ }
    disposed = true
    preparation.dispose()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(writes).not.toContain('after dispose')
  })

  it('names the file when it holds no words', async () => {
    const error = await readCorpusFiles([file('punctuation.txt')], PARALLEL).then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(CorpusError)
    expect((error as CorpusError).message).toContain('punctuation.txt')
  })
})
