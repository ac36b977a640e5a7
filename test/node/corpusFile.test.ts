import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CorpusError, rawCorpusFromText } from '../../src-main/core/corpus/index'
import { corpusFileError, readCorpusFile, readCorpusFiles } from '../../src-main/node/corpusFile'
import { plainRaw as plain, rawTokens } from '../support/rawTokens'

let dir = ''
const file = (name: string) => join(dir, name)

const TEXT = Array.from({ length: 200 }, (_, i) => `Ligne ${i}: le café — “naïve” Größe 😀 word${i % 7}.`).join('\r\n') + '\n'


async function rejection(promise: Promise<unknown>): Promise<CorpusError> {
  const error = await promise.then(() => null, (e: unknown) => e)
  expect(error).toBeInstanceOf(CorpusError)
  return error as CorpusError
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-corpus-'))
  await writeFile(file('text.txt'), TEXT)
  await writeFile(file('bom16.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]))
  await writeFile(file('empty.txt'), '')
  await writeFile(file('punctuation.txt'), '... !!! —\n')
  await writeFile(file('notes.pdf'), Buffer.from('%PDF-1.4\n\0\0binary'))
  await writeFile(file('a.txt'), 'end of a')
  await writeFile(file('b.txt'), 'start of b\n')
  await mkdir(file('folder'))
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('readCorpusFile', () => {
  it('reads a file in many small chunks into the same corpus as the text read whole', async () => {
    const result = await readCorpusFile(file('text.txt'), { chunkBytes: 7 })
    expect(plain(result.raw)).toEqual(plain(rawCorpusFromText(TEXT)))
    expect(result.raw.sentenceCount).toBe(200)
    expect(result).toMatchObject({ encoding: 'utf-8', replacedSequences: 0, bytes: Buffer.byteLength(TEXT) })
    const big = await readCorpusFile(file('text.txt'))
    expect(plain(big.raw)).toEqual(plain(result.raw))
  })

  it('reports progress after every chunk, up to the total size', async () => {
    const calls: [number, number][] = []
    const size = Buffer.byteLength(TEXT)
    await readCorpusFile(file('text.txt'), { chunkBytes: 1000, onProgress: (read, total) => calls.push([read, total]) })
    expect(calls).toHaveLength(Math.ceil(size / 1000))
    expect(calls.at(-1)).toEqual([size, size])
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0])
    expect(calls.every(([, total]) => total === size)).toBe(true)
  })

  it('reads UTF-16 with a byte-order mark', async () => {
    const result = await readCorpusFile(file('bom16.txt'), { chunkBytes: 5 })
    expect(result.encoding).toBe('utf-16le')
    expect(plain(result.raw)).toEqual(plain(rawCorpusFromText(TEXT)))
  })

  it('passes the tokenizer options on', async () => {
    const result = await readCorpusFile(file('text.txt'), { tokenizer: { lowercase: false, numbers: 'strip' } })
    expect(result.raw.types).toContain('Ligne')
    expect(result.raw.types).not.toContain('12')
  })

  it('stops with a cancelled error when the signal aborts', async () => {
    const controller = new AbortController()
    let chunks = 0
    const error = await rejection(readCorpusFile(file('text.txt'), {
      chunkBytes: 100,
      signal: controller.signal,
      onProgress: () => {
        if (++chunks === 3) controller.abort()
      },
    }))
    expect(error.kind).toBe('cancelled')
    expect(error.message).toBe('Loading “text.txt” was cancelled.')
    expect(chunks).toBe(3)
    expect((await rejection(readCorpusFile(file('text.txt'), { signal: AbortSignal.abort() }))).kind).toBe('cancelled')
  })

  it('names the file when it is missing, a folder, empty, wordless or binary', async () => {
    const missing = await rejection(readCorpusFile(file('nope.txt')))
    expect(missing.kind).toBe('notFound')
    expect(missing.message).toMatch(/^The file “nope\.txt” does not exist/)
    const folder = await rejection(readCorpusFile(file('folder')))
    expect(folder.kind).toBe('notAFile')
    expect(folder.message).toMatch(/^“folder” is a folder/)
    const empty = await rejection(readCorpusFile(file('empty.txt')))
    expect(empty.kind).toBe('empty')
    expect(empty.message).toMatch(/^“empty\.txt” is empty\./)
    const wordless = await rejection(readCorpusFile(file('punctuation.txt')))
    expect(wordless.kind).toBe('empty')
    expect(wordless.message).toMatch(/^“punctuation\.txt” contains no words/)
    const binary = await rejection(readCorpusFile(file('notes.pdf')))
    expect(binary.kind).toBe('binary')
    expect(binary.message).toBe('“notes.pdf” looks like a binary file, not text (it contains NUL bytes). Choose a plain-text file (.txt).')
  })

  it.skipIf(process.getuid?.() === 0)('says when the file may not be read', async () => {
    await writeFile(file('secret.txt'), 'hidden words')
    await chmod(file('secret.txt'), 0o000)
    const error = await rejection(readCorpusFile(file('secret.txt')))
    expect(error.kind).toBe('unreadable')
    expect(error.message).toBe('You do not have permission to read “secret.txt”.')
  })

  it('turns file-system error codes into sentences that name the file', () => {
    const errno = (code: string) => Object.assign(new Error(`${code}: failed`), { code })
    expect(corpusFileError('/x/secret.txt', errno('EACCES'))).toMatchObject({ kind: 'unreadable', message: 'You do not have permission to read “secret.txt”.' })
    expect(corpusFileError('/x/secret.txt', errno('EPERM')).kind).toBe('unreadable')
    expect(corpusFileError('/x/dir', errno('EISDIR')).kind).toBe('notAFile')
    expect(corpusFileError('/x/gone.txt', errno('ENOENT')).kind).toBe('notFound')
    expect(corpusFileError('/x/disk.txt', errno('EIO'))).toMatchObject({ kind: 'unreadable', message: '“disk.txt” could not be read (EIO: failed).' })
  })

  it('refuses a chunk size that is not a positive whole number', async () => {
    await expect(readCorpusFile(file('text.txt'), { chunkBytes: 0 })).rejects.toThrow(RangeError)
  })
})

describe('readCorpusFiles', () => {
  it('reads files as one corpus, each starting a new sentence, with progress over all of them', async () => {
    const calls: number[] = []
    const result = await readCorpusFiles([file('a.txt'), file('b.txt')], { chunkBytes: 3, onProgress: (read, total) => calls.push(total - read) })
    const { tokens, sentenceEnds } = rawTokens(result.raw)
    const words = Array.from(tokens, (t) => result.raw.types[t])
    expect(words).toEqual(['end', 'of', 'a', 'start', 'of', 'b'])
    expect(Array.from(sentenceEnds)).toEqual([3, 6])
    expect(result.files.map((f) => f.bytes)).toEqual([8, 11])
    expect(result.bytes).toBe(19)
    expect(calls.at(-1)).toBe(0)
  })

  it('fails on the first unreadable file, naming it', async () => {
    const error = await rejection(readCorpusFiles([file('a.txt'), file('notes.pdf')]))
    expect(error.message).toMatch(/^“notes\.pdf” looks like a binary file/)
  })
})
