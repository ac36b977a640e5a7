/**
 * Tables core owns that the window shows: the vector formats and the projection methods. The
 * window may import only the contract, so it reads them here rather than declaring copies.
 */
export { VECTOR_FORMATS, type VectorFormat, type VectorFormatInfo } from '../vectors/vectorFormats'
export { METHOD_NAMES as PROJECTION_METHOD_NAMES, type ProjectionMethod } from '../projection/projection'
