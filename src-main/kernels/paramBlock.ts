import { CHUNK_STREAM_VALUES, HOT_SYNC_PREDICTIONS, LOSS_CODE, MODEL_CODE, PARAM, type MemoryPlan, MAX_SENTENCE } from './layout'

export interface ChunkSettings {
  readonly model: keyof typeof MODEL_CODE
  readonly loss: keyof typeof LOSS_CODE
  readonly vocabSize: number
  readonly window: number
  readonly negatives: number
  readonly cbowMean: boolean
}

/** Typed access to one thread's parameter block in the kernels' memory. */
export class ParamBlock {
  private readonly view: DataView

  constructor(buffer: ArrayBufferLike, readonly offset: number) {
    this.view = new DataView(buffer as ArrayBuffer)
  }

  /** Points the block at the plan's regions and this thread's scratch, and fixes the settings. */
  configure(plan: MemoryPlan, thread: number, settings: ChunkSettings, seed: bigint): void {
    const v = this.view
    const at = this.offset
    const scratch = plan.scratch + thread * plan.scratchLayout.bytes
    const s = plan.scratchLayout
    v.setInt32(at + PARAM.model, MODEL_CODE[settings.model], true)
    v.setInt32(at + PARAM.loss, LOSS_CODE[settings.loss], true)
    v.setInt32(at + PARAM.stride, plan.stride, true)
    v.setInt32(at + PARAM.vocabSize, settings.vocabSize, true)
    v.setInt32(at + PARAM.window, settings.window, true)
    // Only negative sampling draws negatives; the plan keeps no room for them under the other losses.
    v.setInt32(at + PARAM.negatives, settings.loss === 'negSampling' ? settings.negatives : 0, true)
    v.setInt32(at + PARAM.cbowMean, settings.cbowMean ? 1 : 0, true)
    v.setInt32(at + PARAM.maxSentence, MAX_SENTENCE, true)
    v.setUint32(at + PARAM.syn0, plan.syn0, true)
    v.setUint32(at + PARAM.syn1, plan.syn1, true)
    v.setUint32(at + PARAM.aliasTable, plan.aliasTable, true)
    v.setUint32(at + PARAM.lockFactor, plan.lockFactor, true)
    v.setUint32(at + PARAM.keepProbability, plan.keepProbability, true)
    v.setUint32(at + PARAM.huffmanOffsets, plan.huffmanOffsets, true)
    v.setUint32(at + PARAM.huffmanPoints, plan.huffmanPoints, true)
    v.setUint32(at + PARAM.huffmanCodes, plan.huffmanCodes, true)
    v.setUint32(at + PARAM.typeToVocab, plan.typeToVocab, true)
    v.setUint32(at + PARAM.neu1e, scratch + s.neu1e, true)
    v.setUint32(at + PARAM.hidden, scratch + s.hidden, true)
    v.setUint32(at + PARAM.targets, scratch + s.targets, true)
    v.setUint32(at + PARAM.gradients, scratch + s.gradients, true)
    v.setUint32(at + PARAM.sentence, scratch + s.sentence, true)
    v.setUint32(at + PARAM.scores, scratch + s.scores, true)
    v.setUint32(at + PARAM.context, scratch + s.context, true)
    v.setUint32(at + PARAM.chunk, scratch + s.chunk, true)
    v.setUint32(at + PARAM.drawn, scratch + s.drawn, true)
    v.setInt32(at + PARAM.hotRows, plan.replicatedRows, true)
    v.setUint32(at + PARAM.hotLocal, scratch + s.hotLocal, true)
    v.setUint32(at + PARAM.hotBase, scratch + s.hotBase, true)
    v.setInt32(at + PARAM.hotSync, HOT_SYNC_PREDICTIONS, true)
    v.setBigUint64(at + PARAM.rngState, seed, true)
    this.resetTotals()
  }

  /** The chunk buffer's values to train (already copied in) and the chunk's kept words and learning rates. */
  setChunk(chunkValues: number, chunkWords: number, alphaStart: number, alphaEnd: number): void {
    const v = this.view
    v.setInt32(this.offset + PARAM.chunkValues, chunkValues, true)
    v.setInt32(this.offset + PARAM.chunkWords, chunkWords, true)
    v.setFloat32(this.offset + PARAM.alphaStart, alphaStart, true)
    v.setFloat32(this.offset + PARAM.alphaEnd, alphaEnd, true)
  }

  /** Loss sum, prediction count and words consumed since the last reset. */
  totals(): { lossSum: number; lossCount: number; wordsDone: number } {
    const v = this.view
    return {
      lossSum: v.getFloat64(this.offset + PARAM.lossSum, true),
      lossCount: v.getFloat64(this.offset + PARAM.lossCount, true),
      wordsDone: v.getFloat64(this.offset + PARAM.wordsDone, true),
    }
  }

  resetTotals(): void {
    for (const field of [PARAM.lossSum, PARAM.lossCount, PARAM.wordsDone]) this.view.setFloat64(this.offset + field, 0, true)
  }

  get rngState(): bigint {
    return this.view.getBigUint64(this.offset + PARAM.rngState, true)
  }

  set rngState(state: bigint) {
    this.view.setBigUint64(this.offset + PARAM.rngState, state, true)
  }

  /** The thread's chunk buffer, a view on the kernels' memory the stream is copied into. */
  chunkBuffer(): Int32Array {
    return new Int32Array(this.view.buffer, this.pointer(PARAM.chunk), CHUNK_STREAM_VALUES)
  }

  /** Byte offset of a pointer field's target (e.g. the targets buffer). */
  pointer(field: number): number {
    return this.view.getUint32(this.offset + field, true)
  }

  setNegatives(negatives: number): void {
    this.view.setInt32(this.offset + PARAM.negatives, negatives, true)
  }
}
