export {
  TrainingDivergedError, TrainingConfigError, TrainingResumeError, NoTrainingContextError, type DivergenceDetails,
} from './trainingErrors'
export { corpusContextSource, noiseSampler, type CorpusContextOptions } from './corpusContexts'
export {
  SparseRowGradient, SparseWord2vec, sparseMinibatch, sparseNegSamplingLossAndGradient, sparseNaiveSoftmaxLossAndGradient,
  sparseNegSamplingLoss, sparseNaiveSoftmaxLoss, type SparsePairLoss, type SparseGradients, type WordVectorParams,
  type SparseMinibatchOptions,
} from './sparseGradients'
export {
  createOptimizer, DEFAULT_OPTIMIZER_SETTINGS, type OptimizerKind, type OptimizerSettings, type OptimizerState, type SparseOptimizer,
} from './optimizers'
export { CourseTrainer, COURSE_PRESET, type CourseConfig, type CourseTrainerState, type CourseProgress } from './courseTrainer'
export {
  type StreamingConfig, word2vecDefaults, validateStreamingConfig, streamingConfigWarnings, learningRateAt, NAIVE_SOFTMAX_WARNING_VOCABULARY,
} from './streamingConfig'
export { type ChunkPlan, planChunks, splitLongSentences, CHUNK_WORDS } from './chunkPlan'
