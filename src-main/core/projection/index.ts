export {
  type Projection, type ProjectionMethod, type ProjectionMetric, ProjectionError, type ProjectionErrorKind, type Orthogonal2d,
  procrustes2d, alignToPrevious,
} from './projection'
export { type ProjectionRun, type ProjectionStep, type ProjectionPhase, type RunProjectionOptions, runProjection } from './projectionRun'
export { TSNE_SAMPLE_CAP, UMAP_SAMPLE_CAP, type RowSample, sampleRows, type WordRows, rowsOfWords } from './rows'
export { pca2d, pcaOfWords, pcaOfTopN, pcaProjection, type PcaOptions, type PcaAlignment, type PcaResult, type WordsPca } from './pca'
export { createTsne, type TsneOptions, type TsneSettings, TSNE_MIN_ROWS } from './tsne'
export { createUmap, type UmapOptions, UMAP_MIN_ROWS } from './umap'
