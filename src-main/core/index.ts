export { sigmoid, softmax, softplus, logSigmoid, logSumExp } from './activations'
export { type Matrix, type Vector, zerosMatrix, matrixFromRows, matrixToRows, row, dot, axpy, normalizeRows, randomNormalMatrix } from './matrix'
export { Random, type RandomState } from './random'
export type { LossAndGradient, Word2vecLossFn, Word2vecModelResult, Word2vecModelKind, Word2vecLossKind } from './word2vecLoss'
export { naiveSoftmaxLossAndGradient } from './naiveSoftmax'
export { negSamplingLossAndGradient, negSamplingLoss, courseNegativeSampler, type NegativeSampler } from './negSampling'
export { skipgram } from './skipgram'
export { cbow, type CbowOptions } from './cbow'
export {
  gradcheck, gradcheckRelError, type ObjectiveFn, type ParameterBlock, type GradcheckOptions, type GradcheckResult,
  type ParameterCheck, type CoordinateCheck, type Rewindable,
} from './gradcheck'
export { sgd, type SgdOptions, type SgdState, type SgdProgress } from './sgd'
export { word2vecMinibatch, splitWordVectors, type ContextSource, type ContextWindow, type MinibatchOptions } from './minibatch'
export { dummyProblem, randomProblem, uniformContextSource, type Word2vecProblem } from './dummyProblem'
export { runGradientChecks, type GradientCheck, type GradientCheckReport } from './gradientChecks'
export * from './training/index'
export * from './corpus/index'
export * from './vectors/index'
