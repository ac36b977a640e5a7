import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  CHECKPOINT_EXTENSION, CHECKPOINT_FORMAT_VERSION, type Checkpoint, CheckpointError, readCheckpoint, writeCheckpoint,
} from '../../src-main/node/checkpointFile'
import { interceptWrites, systemError } from './writeFaults'

let dir = ''
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2v-ckpt-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const file = (name = 'run'): string => join(dir, name + CHECKPOINT_EXTENSION)

function sample(): Checkpoint {
  // Views at odd offsets into shared memory, as the trainer's WebAssembly.Memory will hand them over.
  const shared = new SharedArrayBuffer(64)
  const centerWordVectors = new Float32Array(shared, 12, 5)
  centerWordVectors.set([0.1, -0, Number.NaN, Infinity, -3.5e-40])
  return {
    meta: { config: { dim: 5, model: 'skipgram' }, words: ['the', 'é', '日本語', '😀'], position: { epoch: 2, word: 123_456 }, rng: [1, 2, 3, 4], note: null },
    arrays: {
      centerWordVectors,
      outsideVectors: Float64Array.from([Math.PI, -Number.MAX_VALUE, Number.MIN_VALUE]),
      counts: Uint32Array.from([0, 1, 4_294_967_295]),
      offsets: Int32Array.from([-2_147_483_648, 0, 2_147_483_647]),
      empty: new Float32Array(0),
      adamM: new Float64Array(0),
    },
  }
}

async function rejection(promise: Promise<unknown>): Promise<CheckpointError> {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(CheckpointError)
  return error as CheckpointError
}

function expectSameCheckpoint(actual: Checkpoint, expected: Checkpoint): void {
  expect(actual.meta).toEqual(expected.meta)
  expect(Object.keys(actual.arrays)).toEqual(Object.keys(expected.arrays))
  for (const [name, array] of Object.entries(expected.arrays)) {
    const got = actual.arrays[name]!
    expect(got.constructor).toBe(array.constructor)
    expect(got.length).toBe(array.length)
    // Compare bits, so NaN and -0 count too.
    expect(Buffer.from(got.buffer, got.byteOffset, got.byteLength).equals(Buffer.from(array.buffer, array.byteOffset, array.byteLength))).toBe(true)
  }
}

describe('checkpoint round trip', () => {
  it('gives back the meta and every array, bit for bit, for every dtype and empty arrays', async () => {
    const checkpoint = sample()
    await writeCheckpoint(file(), checkpoint)
    expectSameCheckpoint(await readCheckpoint(file()), checkpoint)
    expect(await readdir(dir)).toEqual(['run' + CHECKPOINT_EXTENSION])
  })

  it('handles no arrays at all', async () => {
    await writeCheckpoint(file(), { meta: 'just meta', arrays: {} })
    expect(await readCheckpoint(file())).toEqual({ meta: 'just meta', arrays: {} })
  })

  it('round-trips a 10-million-float matrix', async () => {
    const big = new Float32Array(10_000_000)
    for (let i = 0; i < big.length; i++) big[i] = Math.sin(i) * i
    await writeCheckpoint(file(), { meta: { rows: 100_000 }, arrays: { big } })
    const back = await readCheckpoint(file())
    expectSameCheckpoint(back, { meta: { rows: 100_000 }, arrays: { big } })
  })

  it('reports its reading progress in bytes of the whole file, rising to the file size', async () => {
    const big = new Float32Array(5_000_000)
    await writeCheckpoint(file(), { meta: {}, arrays: { big, small: new Int32Array(3) } })
    const size = (await readFile(file())).length
    const reports: [number, number][] = []
    await readCheckpoint(file(), { onProgress: (read, total) => reports.push([read, total]) })
    // 20 MB comes in several chunks, so a reader can show a moving bar.
    expect(reports.length).toBeGreaterThan(2)
    expect(reports.every(([, total]) => total === size)).toBe(true)
    expect(reports.every(([read], i) => i === 0 || read >= reports[i - 1]![0])).toBe(true)
    expect(reports.at(-1)).toEqual([size, size])
  })

  it('lays arrays out at 8-byte offsets after a documented prefix, little-endian', async () => {
    const checkpoint = sample()
    await writeCheckpoint(file(), checkpoint)
    const bytes = await readFile(file())
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('W2VSCKPT')
    expect(bytes.readUInt32LE(8)).toBe(CHECKPOINT_FORMAT_VERSION)
    expect(Number(bytes.readBigUInt64LE(16))).toBe(bytes.length)
    const header = JSON.parse(bytes.subarray(28, 28 + bytes.readUInt32LE(12)).toString('utf8')) as { arrays: { name: string; byteOffset: number }[] }
    expect(header.arrays.map((a) => a.name)).toEqual(Object.keys(checkpoint.arrays))
    for (const { name, byteOffset } of header.arrays) {
      const array = checkpoint.arrays[name]!
      expect(byteOffset % 8).toBe(0)
      expect(bytes.subarray(byteOffset, byteOffset + array.byteLength).equals(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))).toBe(true)
    }
    expect(bytes.readUInt32LE(bytes.length - 4)).toBe(crc32(bytes.subarray(0, bytes.length - 4)))
  })
})

describe('reading a bad checkpoint', () => {
  let good: Buffer
  beforeEach(async () => {
    await writeCheckpoint(file('good'), sample())
    good = await readFile(file('good'))
  })

  async function readBytes(bytes: Uint8Array): Promise<CheckpointError> {
    await writeFile(file('bad'), bytes)
    return rejection(readCheckpoint(file('bad')))
  }

  it('reports a missing file as notFound, naming it', async () => {
    const error = await rejection(readCheckpoint(file('missing')))
    expect(error.kind).toBe('notFound')
    expect(error.message).toBe(`The checkpoint “${file('missing')}” does not exist.`)
  })

  it('reports a file cut anywhere as truncated', async () => {
    const firstArray = (JSON.parse(good.subarray(28, 28 + good.readUInt32LE(12)).toString('utf8')) as { arrays: { byteOffset: number }[] }).arrays[0]!.byteOffset
    for (const cut of [0, 3, 8, 20, 27, 28, 40, firstArray, firstArray + 5, good.length - 4, good.length - 1]) {
      const error = await readBytes(good.subarray(0, cut))
      expect(error.kind, `cut at ${cut}`).toBe('truncated')
      expect(error.message).toMatch(/^The checkpoint “.*bad\.w2vckpt” is incomplete/)
    }
    expect((await readBytes(good.subarray(0, 100))).message).toContain(`it has 100 of its ${good.length} bytes`)
  })

  it('reports any flipped byte after the magic as corrupt', async () => {
    for (let i = 8; i < good.length; i++) {
      const bad = Buffer.from(good)
      bad[i]! ^= 0x10
      const error = await readBytes(bad)
      expect(error.kind, `byte ${i}`).toBe('corrupt')
      expect(error.message).toMatch(/^The checkpoint “.*bad\.w2vckpt” is damaged \(.+\) and cannot be used\./)
    }
  })

  it('reports extra bytes at the end as corrupt', async () => {
    expect((await readBytes(Buffer.concat([good, Buffer.from('tail')]))).kind).toBe('corrupt')
  })

  it('reports other files as foreign', async () => {
    for (const text of ['hello world\n', '3 2\nthe 0.1 0.2\n', 'W2VSXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', '\x89PNG\r\n\x1a\n']) {
      const error = await readBytes(Buffer.from(text, 'latin1'))
      expect(error.kind, text).toBe('foreign')
      expect(error.message).toBe(`“${file('bad')}” is not a Word2Vec Studio checkpoint.`)
    }
  })

  it('reports a checkpoint from a newer format version as such', async () => {
    const future = Buffer.from(good)
    future.writeUInt32LE(CHECKPOINT_FORMAT_VERSION + 1, 8)
    future.writeUInt32LE(crc32(future.subarray(0, 24)), 24)
    const error = await readBytes(future)
    expect(error.kind).toBe('version')
    expect(error.message).toMatch(/was saved by a newer version of Word2Vec Studio \(format 2; this version reads format 1\)/)
  })

  it('reports a folder as unreadable', async () => {
    expect((await rejection(readCheckpoint(dir))).kind).toBe('unreadable')
  })
})

describe('writing a checkpoint atomically', () => {
  it('keeps the previous checkpoint and leaves no temporary file when the disk fills mid-write', async () => {
    const previous = sample()
    await writeCheckpoint(file(), previous)
    const spy = await interceptWrites(1, () => {
      throw systemError('ENOSPC')
    })
    try {
      const error = await rejection(writeCheckpoint(file(), { meta: 'new', arrays: { big: new Float32Array(1000) } }))
      expect(spy).toHaveBeenCalledTimes(2)
      expect(error.kind).toBe('diskFull')
      expect(error.message).toBe(`The disk is full: could not save the checkpoint “${file()}”. Free some space and try again.`)
    } finally {
      spy.mockRestore()
    }
    expectSameCheckpoint(await readCheckpoint(file()), previous)
    expect(await readdir(dir)).toEqual(['run' + CHECKPOINT_EXTENSION])
  })

  it('can be cancelled before or during the write', async () => {
    const previous = sample()
    await writeCheckpoint(file(), previous)
    const before = new AbortController()
    before.abort()
    expect((await rejection(writeCheckpoint(file(), sample(), { signal: before.signal }))).kind).toBe('cancelled')

    const during = new AbortController()
    const spy = await interceptWrites(0, () => during.abort())
    try {
      const error = await rejection(writeCheckpoint(file(), { meta: 1, arrays: { big: new Float32Array(100_000) } }, { signal: during.signal }))
      expect(error.kind).toBe('cancelled')
      expect(error.message).toMatch(/^Saving the checkpoint “.*run\.w2vckpt” was cancelled/)
    } finally {
      spy.mockRestore()
    }
    expectSameCheckpoint(await readCheckpoint(file()), previous)
    expect(await readdir(dir)).toEqual(['run' + CHECKPOINT_EXTENSION])
  })

  it('refuses arrays of an unsupported type before touching the disk', async () => {
    const arrays = { bytes: new Uint8Array(3) } as unknown as Checkpoint['arrays']
    await expect(writeCheckpoint(file(), { meta: null, arrays })).rejects.toThrow(/must be a Float32Array/)
    expect(await readdir(dir)).toEqual([])
  })
})
