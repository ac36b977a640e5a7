export { type Embeddings, wordIndex, vectorOf } from './embeddings'
export { type VectorFormat, type VectorFormatInfo, VECTOR_FORMATS, formatFromPath, companionPath } from './vectorFormats'
export {
  type VectorKind, VECTOR_KINDS, VectorSelectionError, type VectorSelectionErrorKind, selectVectors, topWords, normalizeEmbeddings, MIN_TOP_WORDS,
} from './vectorSelection'
