/**
 * Small strict readers of every export format, for the writer's tests: each checks the layout
 * byte for byte as it goes (exact separators, counts, header, trailing newline) and gives back
 * what a reader would see. Text values are parsed to a double and rounded once to float32.
 */
import { readFile } from 'node:fs/promises'
import { expect } from 'vitest'
import type { Random } from '../../../src-main/core/random'
import { type VectorFormat } from '../../../src-main/core/vectors/vectorFormats'

export interface ReadBack {
  words: string[]
  dim: number
  vectors: Float32Array
  /** undefined: the format has no counts; null: it says they are unknown. */
  counts?: number[] | null
}

function lines(text: string): string[] {
  const all = text.split('\n')
  expect(all.pop(), 'the file ends with a newline').toBe('')
  return all
}

/** Plain decimals only: no NaN, Infinity, hex or stray spaces. */
const NUMBER = /^-?\d+(\.\d+)?(e[+-]\d+)?$/

function numbers(cells: readonly string[]): number[] {
  return cells.map((cell) => {
    if (!NUMBER.test(cell)) expect.fail(`${JSON.stringify(cell)} is not a decimal number`)
    return Math.fround(Number(cell))
  })
}

function fromRows(rows: number[][], dim: number): Float32Array {
  const vectors = new Float32Array(rows.length * dim)
  rows.forEach((row, i) => {
    if (row.length !== dim) expect.fail(`row ${i} has ${row.length} values, not ${dim}`)
    vectors.set(row, i * dim)
  })
  return vectors
}

export function readWord2vecText(bytes: Buffer): ReadBack {
  const all = lines(bytes.toString('utf8'))
  const [count, dim] = all.shift()!.split(' ').map(Number) as [number, number]
  expect(all).toHaveLength(count)
  const words: string[] = []
  const rows = all.map((line) => {
    const [word, ...cells] = line.split(' ')
    words.push(word!)
    return numbers(cells)
  })
  return { words, dim, vectors: fromRows(rows, dim) }
}

export function readWord2vecBinary(bytes: Buffer): ReadBack {
  let at = bytes.indexOf(0x0a) + 1
  const [count, dim] = bytes.subarray(0, at - 1).toString('latin1').split(' ').map(Number) as [number, number]
  const vectors = new Float32Array(count * dim)
  const words: string[] = []
  for (let row = 0; row < count; row++) {
    const space = bytes.indexOf(0x20, at)
    words.push(bytes.subarray(at, space).toString('utf8'))
    for (let j = 0; j < dim; j++) vectors[row * dim + j] = bytes.readFloatLE(space + 1 + 4 * j)
    at = space + 1 + 4 * dim
    expect(bytes[at]).toBe(0x0a)
    at++
  }
  expect(at).toBe(bytes.length)
  return { words, dim, vectors }
}

/** GloVe has no header: the dimension is what the first line says. */
function readGlove(bytes: Buffer, dim: number): ReadBack {
  const words: string[] = []
  const rows = (bytes.length === 0 ? [] : lines(bytes.toString('utf8'))).map((line) => {
    const [word, ...cells] = line.split(' ')
    words.push(word!)
    return numbers(cells)
  })
  return { words, dim, vectors: fromRows(rows, dim) }
}

/**
 * The Embedding Projector's own rules: lines split on "\n", lines blank once trimmed skipped,
 * a first metadata line with a tab is the header, columns split on "\t".
 */
function readProjector(vectorBytes: Buffer, metadataBytes: Buffer, dim: number): ReadBack {
  const vectorLines = vectorBytes.length === 0 ? [] : lines(vectorBytes.toString('utf8'))
  const rows = vectorLines.map((line) => numbers(line.split('\t')))
  let metadata = metadataBytes.length === 0 ? [] : lines(metadataBytes.toString('utf8'))
  expect(metadata.every((line) => line.trim() !== ''), 'no line the Projector would skip').toBe(true)
  const hasHeader = metadata.length > 0 && metadata[0]!.includes('\t')
  if (hasHeader) {
    expect(metadata[0]).toBe('word\tcount')
    metadata = metadata.slice(1)
  }
  expect(metadata, 'one metadata line per vector').toHaveLength(rows.length)
  const cells = metadata.map((line) => line.split('\t'))
  for (const row of cells) expect(row).toHaveLength(hasHeader ? 2 : 1)
  return {
    words: cells.map((row) => row[0]!),
    dim,
    vectors: fromRows(rows, dim),
    counts: hasHeader ? cells.map((row) => Number(row[1])) : null,
  }
}

export interface NpyFile {
  shape: [number, number]
  headerBytes: number
  vectors: Float32Array
}

export function readNpy(bytes: Buffer): NpyFile {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]))
  const headerLength = bytes.readUInt16LE(8)
  const headerBytes = 10 + headerLength
  expect(headerBytes % 64, 'data aligned to 64 bytes').toBe(0)
  const header = bytes.subarray(10, headerBytes).toString('latin1')
  const match = /^\{'descr': '<f4', 'fortran_order': False, 'shape': \((\d+), (\d+)\), \} *\n$/.exec(header)
  expect(match, header).not.toBeNull()
  const shape = [Number(match![1]), Number(match![2])] as [number, number]
  expect(bytes.length - headerBytes).toBe(shape[0] * shape[1] * 4)
  const data = bytes.subarray(headerBytes)
  const vectors = new Float32Array(shape[0] * shape[1])
  for (let k = 0; k < vectors.length; k++) vectors[k] = data.readFloatLE(4 * k)
  return { shape, headerBytes, vectors }
}

function readJson(bytes: Buffer): ReadBack {
  const parsed = JSON.parse(bytes.toString('utf8')) as { dim: number; words: string[]; counts: number[] | null; vectors: number[][] }
  expect(Object.keys(parsed)).toEqual(['dim', 'words', 'counts', 'vectors'])
  expect(parsed.vectors).toHaveLength(parsed.words.length)
  return { words: parsed.words, dim: parsed.dim, counts: parsed.counts, vectors: fromRows(parsed.vectors.map((row) => row.map(Math.fround)), parsed.dim) }
}

/** Reads back the files `writeEmbeddings` reported, in the given format. */
export async function readExport(format: VectorFormat, files: readonly string[], dim: number): Promise<ReadBack> {
  const [main, companion] = await Promise.all(files.map((file) => readFile(file)))
  switch (format) {
    case 'word2vec-text': return readWord2vecText(main!)
    case 'word2vec-binary': return readWord2vecBinary(main!)
    case 'glove': return readGlove(main!, dim)
    case 'projector': return readProjector(main!, companion!, dim)
    case 'npy': {
      const { shape, vectors } = readNpy(main!)
      const words = companion!.length === 0 ? [] : lines(companion!.toString('utf8'))
      expect(words, 'one vocabulary line per row').toHaveLength(shape[0])
      return { words, dim: shape[1], vectors }
    }
    case 'json': return readJson(main!)
  }
}

/** float32 values with every exponent and sign, and a few special cases. */
export function awkwardFloats(n: number, random: Random): Float32Array {
  const bits = new Uint32Array(n)
  for (let i = 0; i < n; i++) bits[i] = random.nextUint32()
  const floats = new Float32Array(bits.buffer)
  for (let i = 0; i < n; i++) if (!Number.isFinite(floats[i]!)) floats[i] = random.normal()
  floats.set([0, -0, 1, -1, 0.1, 1e-7, 3.4028234663852886e38, 1.401298464324817e-45, 1.1754942106924411e-38, 16777217].slice(0, n))
  return floats
}

export function expectBitEqual(actual: Float32Array, expected: Float32Array): void {
  expect(actual.length).toBe(expected.length)
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect.fail(`float ${i}: ${actual[i]} is not ${expected[i]}`)
  }
}
