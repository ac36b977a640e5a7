/**
 * The `metadata/part-00000` line of a saved Spark Word2VecModel: one JSON object naming the
 * class that wrote the folder. spark.ml's writer (DefaultParamsWriter) gives `sparkVersion` and
 * the parameters (`paramMap`, and since Spark 3 `defaultParamMap`, where `vectorSize` sits when
 * it was left at its default); spark.mllib's (SaveLoadV1_0) gives `version: "1.0"`,
 * `vectorSize` and `numWords`.
 */
import { VectorsFileError, fileLabel } from './vectorsFileError'

export const SPARK_ML_CLASS = 'org.apache.spark.ml.feature.Word2VecModel'
export const SPARK_MLLIB_CLASS = 'org.apache.spark.mllib.feature.Word2VecModel'

export interface SparkModelMetadata {
  /** Which API saved it: spark.ml (DataFrame-based) or spark.mllib (RDD-based). */
  readonly api: 'ml' | 'mllib'
  /** The Spark that saved it (ml only). */
  readonly sparkVersion: string | null
  /** The dimension the metadata promises; null when it does not say. */
  readonly vectorSize: number | null
  /** How many words the metadata promises (mllib only). */
  readonly numWords: number | null
}

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0

/** `folder` names the model in messages. */
export function parseSparkModelMetadata(text: string, folder: string): SparkModelMetadata {
  const line = text.split('\n').find((l) => l.trim() !== '')
  let json: unknown
  try {
    json = JSON.parse(line ?? '')
  } catch {
    throw new VectorsFileError('badHeader', folder, `The metadata of ${fileLabel(folder)} (metadata/part-00000) is not the JSON line Spark writes, so it is not a saved Spark model.`)
  }
  const record = (typeof json === 'object' && json !== null ? json : {}) as Record<string, unknown>
  const className = record.class
  if (className === SPARK_MLLIB_CLASS) {
    if (record.version !== '1.0') {
      throw new VectorsFileError('notAModel', folder, `${fileLabel(folder)} is a spark.mllib Word2VecModel of format version ${JSON.stringify(record.version)}; only version 1.0 (every Spark release so far) can be read.`)
    }
    if (!isCount(record.vectorSize) || record.vectorSize === 0 || !isCount(record.numWords)) {
      throw new VectorsFileError('badHeader', folder, `The metadata of ${fileLabel(folder)} lacks a whole vectorSize and numWords, which spark.mllib always writes.`)
    }
    return { api: 'mllib', sparkVersion: null, vectorSize: record.vectorSize, numWords: record.numWords }
  }
  if (className === SPARK_ML_CLASS) {
    const params = (name: string): Record<string, unknown> => {
      const map = record[name]
      return typeof map === 'object' && map !== null ? map as Record<string, unknown> : {}
    }
    const size = params('paramMap').vectorSize ?? params('defaultParamMap').vectorSize
    return {
      api: 'ml',
      sparkVersion: typeof record.sparkVersion === 'string' ? record.sparkVersion : null,
      vectorSize: isCount(size) && size > 0 ? size : null,
      numWords: null,
    }
  }
  const named = typeof className === 'string' ? `a Spark ${className}` : 'a Spark folder of no class'
  throw new VectorsFileError('notAModel', folder, `${fileLabel(folder)} holds ${named}, not a Word2VecModel (${SPARK_ML_CLASS} or ${SPARK_MLLIB_CLASS}).`)
}
