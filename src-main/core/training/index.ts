export {
  TrainingDivergedError, TrainingConfigError, TrainingResumeError, NoTrainingContextError, type DivergenceDetails,
} from './trainingErrors'
export { corpusContextSource, noiseSampler, type CorpusContextOptions } from './corpusContexts'
export {
  SparseRowGradient, SparseWord2vec, sparseMinibatch, sparseNegSamplingLossAndGradient, sparseNaiveSoftmaxLossAndGradient,
  sparseNegSamplingLoss, sparseNaiveSoftmaxLoss, sparseHierarchicalSoftmaxLoss, sparseHierarchicalSoftmaxLossAndGradient, type SparsePairLoss, type SparseGradients, type WordVectorParams,
  type SparseMinibatchOptions,
} from './sparseGradients'
export {
  createOptimizer, DEFAULT_OPTIMIZER_SETTINGS, type OptimizerKind, type OptimizerSettings, type OptimizerState, type SparseOptimizer,
} from './optimizers'
export { CourseTrainer, type CourseTrainerState, type CourseProgress } from './courseTrainer'
export { COURSE_COPIES, rejectProbabilities, subsampledCopies, subsamplingRandom } from './courseSubsampling'
export { streamingConfigWarnings, learningRateAt, NAIVE_SOFTMAX_WARNING_VOCABULARY } from './streamingConfig'
export {
  COURSE_PRESET, type Cs224nSettings, type ScheduleSettings, type Word2vecSettings, word2vecDefaults,
} from '../settings/trainingSettings'
export { type ChunkPlan, type ChunkPlanOptions, planChunks, wordsBeforeChunk, CHUNK_WORDS } from './chunkPlan'
