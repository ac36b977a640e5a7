export type { RawCorpus, Vocabulary, VocabularyOptions, VocabularyStats, TrainingCorpus } from './corpusTypes'
export { keepProbabilities, continuedKeepProbabilities, unigramWeights, buildAliasTable, aliasDraw, type AliasTable } from './sampling'
export {
  CorpusError, type CorpusErrorKind, UNNAMED_SOURCE, quoteSource, binaryFileError, emptyCorpusError, noVocabularyError,
  cs224nFormatError, cancelledError,
} from './corpusErrors'
export {
  CorpusTextDecoder, type CorpusEncoding, type DecodingReport, BINARY_SNIFF_BYTES, BINARY_REPLACED_SHARE, BINARY_MIN_REPLACED,
  ENCODING_SNIFF_BYTES, utf16WithoutMark,
} from './textDecoding'
export {
  ENCODING_CHOICES, ENCODING_EXAMPLES, UNICODE_ENCODINGS, type EncodingChoice, type EncodingDetection, encodingLabel, encodingOf, unknownEncodingMessage,
} from './textEncodings'
export { unsegmentedText, type UnsegmentedText, UNSEGMENTED_SHARE, UNSEGMENTED_MEAN_LENGTH } from './scriptCheck'
export { corpusNotices, CORPUS_NOTICE_KINDS, type CorpusNotice, type CorpusNoticeKind, type FileReport } from './corpusNotices'
export { type CorpusLayout, LAYOUT_SNIFF_CHARS, detectLayout } from './corpusLayout'
export { createTokenizer, DEFAULT_TOKENIZER_OPTIONS, type Tokenizer, type TokenizerOptions } from './tokenizer'
export { CorpusBuilder, rawCorpusFromText } from './corpusBuilder'
export { UNK, buildVocabulary, encodeCorpus, typeToVocabulary } from './vocabulary'
export { type VocabularyUpdate, updateVocabulary } from './vocabularyUpdate'
export { SENTENCE_END, type TokenSink } from './tokenStream'
export {
  type TokenStore, type TokenSource, type TokenStoreWriter, MemoryTokenSink, memoryTokenSource, openMemoryTokenSource, forEachBlock,
} from './tokenStore'
export {
  corpusStats, DEFAULT_CANDIDATE_MIN_COUNTS, type CorpusStats,
  type MinCountRow,
} from './corpusStats'
