/**
 * Model folders in Spark's layout, written the way Spark writes them, for the Spark reader's
 * tests: metadata/part-00000 (+ .crc and _SUCCESS), and data/part-*.parquet with Spark's schema
 * (`word` optional UTF8 and `vector` a standard 3-level LIST of required floats; or, before
 * Spark 2.2, a `wordIndex` MAP<string, int> and `wordVectors` LIST<float> in one row).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { parquetWriteBuffer } from 'hyparquet-writer'
import { Random } from '../../../src-main/core/random'
import { SPARK_ML_CLASS, SPARK_MLLIB_CLASS } from '../../../src-main/node/vectors/sparkModelMetadata'

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]['schema']>[number]

export interface SparkModel {
  words: string[]
  /** Row-major, float32 values: what Spark stores. */
  vectors: Float32Array
  dim: number
}

export function randomModel(words: number, dim: number, seed: number): SparkModel {
  const random = new Random(seed)
  const list = Array.from({ length: words }, (_, i) => (i % 7 === 3 ? `wörd_${i}` : `w${i}`))
  return { words: list, vectors: Float32Array.from({ length: words * dim }, () => random.normal()), dim }
}

const floatList = (name: string): SchemaElement[] => [
  { name, repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  { name: 'element', type: 'FLOAT', repetition_type: 'REQUIRED' },
]

export interface WriteOptions {
  api?: 'ml' | 'mllib'
  /** How many data/part-*.parquet files the rows are split into. */
  parts?: number
  codec?: 'SNAPPY' | 'UNCOMPRESSED' | 'GZIP'
  /** Rows per row group, so one part holds several. */
  rowGroupSize?: number
  /**
   * The metadata's vectorSize (default: the model's dim). spark.ml: 'default' puts it in
   * defaultParamMap only (a vectorSize never set), null nowhere.
   */
  vectorSize?: number | null | 'default'
  numWords?: number
  sparkVersion?: string
  /** Column names in place of word and vector, for the missing-column test. */
  columns?: [string, string]
}

function metadataLine(model: SparkModel, options: WriteOptions): string {
  const vectorSize = options.vectorSize === undefined ? model.dim : options.vectorSize
  if (options.api === 'mllib') {
    return JSON.stringify({ class: SPARK_MLLIB_CLASS, version: '1.0', vectorSize, numWords: options.numWords ?? model.words.length })
  }
  return JSON.stringify({
    class: SPARK_ML_CLASS, timestamp: 1700000000000, sparkVersion: options.sparkVersion ?? '3.5.1', uid: 'w2v_1a2b3c',
    paramMap: { inputCol: 'tokens', outputCol: 'features', minCount: 1, ...(typeof vectorSize === 'number' ? { vectorSize } : {}) },
    defaultParamMap: {
      maxIter: 1, stepSize: 0.025, windowSize: 5, numPartitions: 1, seed: -1961189076, maxSentenceLength: 1000, minCount: 5,
      ...(vectorSize === null ? {} : { vectorSize: vectorSize === 'default' ? model.dim : 100 }),
    },
  })
}

function writeMetadata(folder: string, line: string): void {
  mkdirSync(join(folder, 'metadata'), { recursive: true })
  writeFileSync(join(folder, 'metadata', 'part-00000'), `${line}\n`)
  writeFileSync(join(folder, 'metadata', '.part-00000.crc'), 'crc')
  writeFileSync(join(folder, 'metadata', '_SUCCESS'), '')
}

/** One row per word in `parts` part files, as spark.mllib and spark.ml ≥ 2.2 write. */
export function writeSparkModel(folder: string, model: SparkModel, options: WriteOptions = {}): void {
  const { parts = 1, codec = 'SNAPPY', rowGroupSize = 100_000, columns = ['word', 'vector'] } = options
  writeMetadata(folder, metadataLine(model, options))
  mkdirSync(join(folder, 'data'), { recursive: true })
  writeFileSync(join(folder, 'data', '_SUCCESS'), '')
  const perPart = Math.ceil(model.words.length / parts)
  for (let p = 0; p < parts; p++) {
    const rows = model.words.slice(p * perPart, (p + 1) * perPart)
    const vectors = rows.map((_, i) => Array.from(model.vectors.subarray((p * perPart + i) * model.dim, (p * perPart + i + 1) * model.dim)))
    const buffer = parquetWriteBuffer({
      columnData: [{ name: columns[0], data: rows }, { name: columns[1], data: vectors }],
      schema: [
        { name: 'spark_schema', num_children: 2 },
        { name: columns[0], type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        ...floatList(columns[1]),
      ],
      codec,
      // Spark 1.x wrote gzip; the writer brings snappy only.
      compressors: { GZIP: (input: Uint8Array) => gzipSync(input) },
      rowGroupSize,
    })
    const suffix = { SNAPPY: '.snappy', GZIP: '.gz', UNCOMPRESSED: '' }[codec]
    const name = `part-${String(p).padStart(5, '0')}-3f0c9d2e-7b1a-4c55-9e0d-5a1b2c3d4e5f-c000${suffix}.parquet`
    writeFileSync(join(folder, 'data', name), Buffer.from(buffer))
    writeFileSync(join(folder, 'data', `.${name}.crc`), 'crc')
  }
}

/** spark.ml before 2.2: one row holding every word's row index and every vector. */
export function writeOldSparkModel(folder: string, model: SparkModel, options: { codec?: 'SNAPPY' | 'UNCOMPRESSED'; order?: number[] } = {}): void {
  writeMetadata(folder, metadataLine(model, { sparkVersion: '2.1.1' }))
  mkdirSync(join(folder, 'data'), { recursive: true })
  // The map lists the words in hash order, not by row: `order` shuffles them.
  const order = options.order ?? model.words.map((_, i) => i)
  const wordIndex = Object.fromEntries(order.map((i) => [model.words[i]!, i]))
  const buffer = parquetWriteBuffer({
    columnData: [{ name: 'wordIndex', data: [wordIndex] }, { name: 'wordVectors', data: [Array.from(model.vectors)] }],
    schema: [
      { name: 'spark_schema', num_children: 2 },
      { name: 'wordIndex', repetition_type: 'OPTIONAL', converted_type: 'MAP', num_children: 1 },
      { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
      { name: 'key', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
      { name: 'value', type: 'INT32', repetition_type: 'REQUIRED' },
      ...floatList('wordVectors'),
    ],
    codec: options.codec ?? 'SNAPPY',
  })
  writeFileSync(join(folder, 'data', 'part-r-00000-9a8b7c6d.snappy.parquet'), Buffer.from(buffer))
}
