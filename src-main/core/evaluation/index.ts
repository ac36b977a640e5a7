export { VectorIndex, buildVectorIndex, unitVector, cosineOfRows, MIN_RESTRICT_VOCAB, type ScanOptions } from './vectorIndex'
export { MIN_TOP_K } from './topK'
export { nearestNeighbours, type Neighbour, type NeighbourOptions, type DistanceMetric } from './neighbours'
export { analogy, threeCosAddTarget, type AnalogyOptions } from './analogies'
export { mostSimilar, requireRows, COSMUL_EPSILON, ANALOGY_METHODS, type AnalogyMethod, type MostSimilarOptions } from './mostSimilar'
export { parseWordExpression, formatWordExpression, WordExpressionError, MAX_EXPRESSION_TERMS, type WeightedWord } from './wordExpression'
export {
  parseAnalogyFile, evaluateAnalogies, TOTAL_SECTION, type AnalogyQuestion, type AnalogySection, type AnalogyEvaluationOptions,
  type AnalogySectionScore, type AnalogyEvaluation,
} from './analogyBenchmark'
export {
  parseWordPairFile, evaluateWordPairs, type WordPair, type WordPairEvaluationOptions, type WordPairEvaluation,
} from './wordPairBenchmark'
export { doesntMatch, type OddOneOut } from './oddOneOut'
export { pearson, spearman, averageRanks } from './correlation'
export {
  UnknownWordError, BenchmarkFormatError, NoKnownWordsError, EvaluationCancelledError, UNNAMED_BENCHMARK, formatWordCount,
  type BenchmarkKind,
} from './evaluationErrors'
