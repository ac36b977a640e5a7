/**
 * Hand-made vector files for the reader's tests, written by the tests themselves: the binary
 * layouts (word2vec binary, .npy) byte by byte, and a check of what a read gives back.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect } from 'vitest'
import { type Embeddings } from '../../../src-main/core/vectors/embeddings'
import { VectorsFileError } from '../../../src-main/node/vectors/vectorsFileError'

/** A fresh temporary folder per test; `file(name, content)` writes into it and gives the path. */
export function useTempDir(): { path: (name: string) => string; file: (name: string, content: string | Uint8Array) => Promise<string> } {
  let dir = ''
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'w2v-import-'))
  })
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const path = (name: string): string => join(dir, name)
  return {
    path,
    file: async (name, content) => {
      await writeFile(path(name), content)
      return path(name)
    },
  }
}

/** word2vec binary: header, then per row the word, a space, float32 LE values and (by default) "\n". */
export function word2vecBinary(words: readonly string[], rows: readonly (readonly number[])[], options: { header?: string; newline?: boolean } = {}): Buffer {
  const dim = rows[0]?.length ?? 0
  const parts: Buffer[] = [Buffer.from(options.header ?? `${words.length} ${dim}\n`, 'latin1')]
  words.forEach((word, i) => {
    const values = Buffer.alloc(4 * rows[i]!.length)
    rows[i]!.forEach((x, j) => values.writeFloatLE(x, 4 * j))
    parts.push(Buffer.from(`${word} `, 'utf8'), values)
    if (options.newline !== false) parts.push(Buffer.from('\n'))
  })
  return Buffer.concat(parts)
}

/** A .npy file (version 1.0) with a header dict written as NumPy writes it. */
export function npyFile(rows: readonly (readonly number[])[], options: { descr?: string; fortran?: boolean; shape?: string; version?: 1 | 2 } = {}): Buffer {
  const descr = options.descr ?? '<f4'
  const dim = rows[0]?.length ?? 0
  const shape = options.shape ?? `(${rows.length}, ${dim})`
  const version = options.version ?? 1
  const prefix = version === 1 ? 10 : 12
  let dict = `{'descr': '${descr}', 'fortran_order': ${options.fortran === true ? 'True' : 'False'}, 'shape': ${shape}, }`
  dict += ' '.repeat((64 - ((prefix + dict.length + 1) % 64)) % 64) + '\n'
  const head = Buffer.alloc(prefix)
  head.write('\x93NUMPY', 0, 'latin1')
  head[6] = version
  head[7] = 0
  if (version === 1) head.writeUInt16LE(dict.length, 8)
  else head.writeUInt32LE(dict.length, 8)
  const itemBytes = Number(descr.slice(2))
  const littleEndian = descr.startsWith('<')
  const data = Buffer.alloc(rows.length * dim * itemBytes)
  let at = 0
  for (const row of rows) {
    for (const x of row) {
      const type = descr.slice(1)
      if (type === 'f4' && littleEndian) data.writeFloatLE(x, at)
      else if (type === 'f4') data.writeFloatBE(x, at)
      else if (type === 'f8' && littleEndian) data.writeDoubleLE(x, at)
      else if (type === 'f8') data.writeDoubleBE(x, at)
      else if (type === 'i4') data.writeInt32LE(x, at)
      at += itemBytes
    }
  }
  return Buffer.concat([head, Buffer.from(dict, 'latin1'), data])
}

/** The loaded words and vectors are these words and these rows, rounded to float32. */
export function expectVectors(embeddings: Embeddings, words: readonly string[], rows: readonly (readonly number[])[]): void {
  expect(embeddings.words).toEqual(words)
  const dim = rows[0]?.length ?? embeddings.dim
  expect(embeddings.dim).toBe(dim)
  expect(embeddings.vectors).toBeInstanceOf(Float32Array)
  expect(Array.from(embeddings.vectors)).toEqual(rows.flatMap((row) => row.map((x) => Math.fround(x))))
}

/** The VectorsFileError a promise rejects with. */
export async function failureOf(promise: Promise<unknown>): Promise<VectorsFileError> {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(VectorsFileError)
  return error as VectorsFileError
}
