import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parquetMetadata } from 'hyparquet'
import { afterAll, describe, expect, it } from 'vitest'
import { readEmbeddings } from '../../../src-main/node/vectors/readEmbeddings'
import { isSparkModelFolder } from '../../../src-main/node/vectors/sparkModelReader'
import { VectorsFileError } from '../../../src-main/node/vectors/vectorsFileError'
import { type WriteOptions, randomModel, writeOldSparkModel, writeSparkModel } from './sparkModelFixtures'

const root = mkdtempSync(join(tmpdir(), 'w2v-spark-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))
let n = 0
const folder = (): string => join(root, `model-${++n}`)

describe('reading a saved Spark Word2VecModel folder', () => {
  const model = randomModel(250, 9, 5)

  it.each<[string, WriteOptions]>([
    ['spark.ml, snappy, one part', { api: 'ml' as const }],
    ['spark.ml, uncompressed, several parts of several row groups', { api: 'ml' as const, parts: 3, codec: 'UNCOMPRESSED' as const, rowGroupSize: 17 }],
    ['spark.mllib, snappy, several parts', { api: 'mllib' as const, parts: 4 }],
    ['spark.mllib, gzip (Spark 1.x), two parts', { api: 'mllib' as const, parts: 2, codec: 'GZIP' as const }],
    ['spark.ml, vectorSize never set (in defaultParamMap only)', { api: 'ml' as const, vectorSize: 'default' as const, parts: 2 }],
    ['spark.ml, no vectorSize in the metadata at all (the first vector decides)', { api: 'ml' as const, vectorSize: null }],
  ])('%s: the same words in the same order and the same float32 vectors', async (_, options) => {
    const dir = folder()
    writeSparkModel(dir, model, options)
    // The parts are compressed as the case says, so the reader's decompression is what is tested.
    const part = readdirSync(join(dir, 'data')).find((name) => name.endsWith('.parquet') && !name.startsWith('.'))!
    const bytes = readFileSync(join(dir, 'data', part))
    const codecs = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)).row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec))
    expect(new Set(codecs)).toEqual(new Set([options.codec ?? 'SNAPPY']))
    const progress: [number, number][] = []
    const { embeddings, format, warnings } = await readEmbeddings(dir, { onProgress: (read, total) => progress.push([read, total]) })
    expect(format).toBe('spark-word2vec')
    expect(warnings).toEqual([])
    expect(embeddings.words).toEqual(model.words)
    expect(embeddings.dim).toBe(model.dim)
    expect(embeddings.vectors).toEqual(model.vectors)
    expect(embeddings.counts).toBeNull()
    expect(progress.at(-1)![0]).toBe(progress.at(-1)![1])
    if ((options.rowGroupSize ?? Infinity) < 100) expect(progress.length).toBeGreaterThan(10)
  })

  it('reads spark.ml before 2.2 (one row: a wordIndex map and all the vectors), putting each word on its row', async () => {
    const dir = folder()
    const order = model.words.map((_, i) => (i * 37) % model.words.length)
    writeOldSparkModel(dir, model, { order })
    const { embeddings } = await readEmbeddings(dir)
    expect(embeddings.words).toEqual(model.words)
    expect(embeddings.vectors).toEqual(model.vectors)
  })

  it('stops at --limit, counting rows across part files', async () => {
    const dir = folder()
    writeSparkModel(dir, model, { parts: 3, rowGroupSize: 20 })
    const { embeddings } = await readEmbeddings(dir, { limit: 100 })
    expect(embeddings.words).toEqual(model.words.slice(0, 100))
    expect(embeddings.vectors).toEqual(model.vectors.subarray(0, 100 * model.dim))
  })

  it('can be cancelled between row groups', async () => {
    const dir = folder()
    writeSparkModel(dir, model, { rowGroupSize: 10 })
    const controller = new AbortController()
    const reading = readEmbeddings(dir, { signal: controller.signal, onProgress: (read) => { if (read > 0) controller.abort() } })
    await expect(reading).rejects.toMatchObject({ kind: 'cancelled' })
  })
})

describe('a folder that is not a Spark Word2VecModel, or a broken one', () => {
  const model = randomModel(40, 4, 9)

  async function failure(dir: string): Promise<VectorsFileError> {
    const error = await readEmbeddings(dir).then(() => null, (e: unknown) => e)
    expect(error).toBeInstanceOf(VectorsFileError)
    return error as VectorsFileError
  }

  it('a folder with no Spark metadata', async () => {
    const dir = folder()
    mkdirSync(dir)
    writeFileSync(join(dir, 'notes.txt'), 'hello')
    const error = await failure(dir)
    expect(error.kind).toBe('notAModel')
    expect(error.message).toBe(`“${dir.split('/').at(-1)}” is a folder, not a vectors file, and not a saved Spark Word2VecModel either (it has no metadata/part-00000). Open a vectors file, or the folder Spark's model.save(path) wrote.`)
  })

  it('metadata that is not JSON, or another class of model', async () => {
    const dir = folder()
    writeSparkModel(dir, model)
    writeFileSync(join(dir, 'metadata', 'part-00000'), 'not json\n')
    expect((await failure(dir)).message).toMatch(/is not the JSON line Spark writes/)
    writeFileSync(join(dir, 'metadata', 'part-00000'), JSON.stringify({ class: 'org.apache.spark.ml.feature.CountVectorizerModel', sparkVersion: '3.5.1' }))
    const error = await failure(dir)
    expect(error.kind).toBe('notAModel')
    expect(error.message).toMatch(/holds a Spark org\.apache\.spark\.ml\.feature\.CountVectorizerModel, not a Word2VecModel/)
  })

  it('metadata but no data', async () => {
    const dir = folder()
    writeSparkModel(dir, model)
    for (const name of readdirSync(join(dir, 'data'))) unlinkSync(join(dir, 'data', name))
    expect((await failure(dir)).message).toMatch(/it has metadata but no data\/part-\*\.parquet files/)
  })

  it('data without a word or vector column', async () => {
    const dir = folder()
    writeSparkModel(dir, model, { columns: ['term', 'vector'] })
    const error = await failure(dir)
    expect(error.kind).toBe('missingColumn')
    expect(error.message).toMatch(/has the columns “term”, “vector”; a Spark Word2VecModel's data has “word” and “vector”/)
  })

  it('vectors of another size than the metadata says', async () => {
    const dir = folder()
    writeSparkModel(dir, model, { vectorSize: 5 })
    const error = await failure(dir)
    expect(error.kind).toBe('inconsistentDimensions')
    expect(error.message).toBe('The vector of “w0” (row 1 of “part-00000-3f0c9d2e-7b1a-4c55-9e0d-5a1b2c3d4e5f-c000.snappy.parquet”) has 4 values, not the 5 of the model\'s vectorSize.')
  })

  it('fewer words than spark.mllib\'s numWords', async () => {
    const dir = folder()
    writeSparkModel(dir, model, { api: 'mllib', numWords: 41 })
    const error = await failure(dir)
    expect(error.kind).toBe('countMismatch')
    expect(error.message).toMatch(/says 41 words, but its data holds 40/)
  })

  it('a part file that is not Parquet', async () => {
    const dir = folder()
    writeSparkModel(dir, model)
    const [part] = readdirSync(join(dir, 'data')).filter((name) => name.endsWith('.parquet') && !name.startsWith('.'))
    writeFileSync(join(dir, 'data', part!), 'PAR1 but not really')
    const error = await failure(dir)
    expect(error.kind).toBe('malformed')
    expect(error.message).toMatch(/is not a Parquet file that can be read/)
  })

  it('a folder asked to be read in a file format', async () => {
    const dir = folder()
    writeSparkModel(dir, model)
    expect(((await readEmbeddings(dir, { format: 'glove' }).catch((e: unknown) => e)) as Error).message).toMatch(/is a folder; a folder is read as a saved Spark Word2VecModel, not as glove/)
  })
})

describe('telling a Spark model folder from other paths', () => {
  it('knows a folder Spark saved a model to, and nothing else', async () => {
    const spark = folder()
    writeSparkModel(spark, randomModel(20, 3, 1), { api: 'mllib' })
    expect(await isSparkModelFolder(spark)).toBe(true)
    const texts = folder()
    mkdirSync(join(texts, 'metadata'), { recursive: true })
    writeFileSync(join(texts, 'a.txt'), 'some text\n')
    expect(await isSparkModelFolder(texts)).toBe(false)
    const file = join(texts, 'a.txt')
    expect(await isSparkModelFolder(file)).toBe(false)
    expect(await isSparkModelFolder(join(root, 'missing'))).toBe(false)
  })
})
