/**
 * Tables and rules core owns that the window shows: the vector formats, which vectors a run or
 * file has, the projection methods and the text encodings a corpus can be read in. The window may
 * import only the contract, so it reads them here rather than declaring copies.
 */
export { VECTOR_FORMATS, type VectorFormat, type VectorFormatInfo } from '../vectors/vectorFormats'
export { METHOD_NAMES as PROJECTION_METHOD_NAMES, type ProjectionMethod } from '../projection/projection'
export { ENCODING_CHOICES, type EncodingChoice, encodingLabel } from '../corpus/textEncodings'
export { type VectorKind, needsOutsideVectors, noOutsideVectorsReason, runWithoutOutsideVectors } from '../vectors/vectorSelection'
