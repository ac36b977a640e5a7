export type { RawCorpus, Vocabulary, VocabularyOptions, VocabularyStats, TrainingCorpus } from './corpusTypes'
export { keepProbabilities, unigramWeights, buildAliasTable, aliasDraw, type AliasTable } from './sampling'
export {
  CorpusError, type CorpusErrorKind, UNNAMED_SOURCE, quoteSource, binaryFileError, emptyCorpusError, noVocabularyError,
  cs224nFormatError, cancelledError,
} from './corpusErrors'
export { CorpusTextDecoder, type CorpusEncoding, BINARY_SNIFF_BYTES, BINARY_REPLACED_SHARE, BINARY_MIN_REPLACED } from './textDecoding'
export { createTokenizer, DEFAULT_TOKENIZER_OPTIONS, type Tokenizer, type TokenizerOptions } from './tokenizer'
export { CorpusBuilder, rawCorpusFromText } from './corpusBuilder'
export { buildVocabulary, checkVocabularyOptions, encodeCorpus } from './vocabulary'
export {
  corpusStats, estimateTrainingMemory, estimateTrainingMemoryBreakdown, DEFAULT_CANDIDATE_MIN_COUNTS, type CorpusStats,
  type MinCountRow, type TrainingMemoryInput, type TrainingMemoryEstimate,
} from './corpusStats'
