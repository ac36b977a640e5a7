import { buildAliasTable, keepProbabilities, unigramWeights } from '../core/corpus/sampling'
import { buildHuffmanTree } from '../core/huffmanTree'
import { Random } from '../core/random'
import { copyRows } from '../core/vectors/matrixRows'
import type { Word2vecSettings } from '../core/settings/trainingSettings'
import { type MemoryPlan, PARAM_BLOCK_BYTES, planMemory } from './layout'
import { ParamBlock } from './paramBlock'
import { createKernelMemory } from './wasmKernel'

/** Per-thread generator seeds: distinct, and a function of the run's seed only. */
export function threadSeed(seed: number, thread: number): bigint {
  return (BigInt(seed) << 16n) ^ BigInt(thread * 0x9e37 + 1)
}

/** Per-word tables a run may be given instead of the usual ones (a warm start's; see core/training/warmStart.ts). */
export interface WordTables {
  /** |V| lock factors; all 1 unless given. */
  readonly lockFactors?: Float32Array
  /** |V| keep probabilities; word2vec's formula on the counts unless given. */
  readonly keepProbability?: Float32Array
}

/**
 * The one shared memory a run trains in: both matrices, the sampling tables, the type → word
 * table and every thread's parameter block and scratch (its chunk of the token stream among
 * them), laid out by planMemory. Threads receive the
 * memory and the plan and address everything by offset.
 */
export class TrainingMemory {
  readonly blocks: ParamBlock[]
  /** Rows of U: |V|, or |V| − 1 inner nodes under hierarchical softmax. */
  readonly outsideRows: number

  private constructor(readonly memory: WebAssembly.Memory, readonly plan: MemoryPlan, readonly vocabSize: number, readonly dim: number, threads: number) {
    this.outsideRows = plan.outsideRows
    this.blocks = Array.from({ length: threads }, (_, t) => new ParamBlock(memory.buffer, plan.paramBlocks + t * PARAM_BLOCK_BYTES))
  }

  /**
   * Lays out and fills memory for a run. Outside vectors start at zero; centre vectors uniform in
   * ±1/d as in gensim 4, twice word2vec.c's ±0.5/d: on the benchmark corpus the wider start gave
   * about half a point more analogy accuracy over three seeds (7.56% against 7.09%).
   */
  static create(counts: Uint32Array, typeToVocab: Int32Array, config: Word2vecSettings, tables: WordTables = {}): TrainingMemory {
    const vocabSize = counts.length
    const tree = config.loss === 'hierarchicalSoftmax' ? buildHuffmanTree(counts) : null
    const plan = planMemory({
      vocabSize, dim: config.dim, types: typeToVocab.length,
      threads: config.threads, negatives: config.negatives, window: config.window, loss: config.loss, pathEntries: tree?.points.length ?? 0,
    })
    const memory = createKernelMemory(plan.bytes)
    const training = new TrainingMemory(memory, plan, vocabSize, config.dim, config.threads)
    const f32 = new Float32Array(memory.buffer)
    const random = new Random(config.seed)
    for (let w = 0; w < vocabSize; w++) {
      const row = plan.syn0 / 4 + w * plan.stride
      for (let k = 0; k < config.dim; k++) f32[row + k] = (2 * random.nextFloat() - 1) / config.dim
    }
    const alias = buildAliasTable(unigramWeights(counts, config.negativePower))
    const i32 = new Int32Array(memory.buffer)
    for (let w = 0; w < vocabSize; w++) {
      f32[plan.aliasTable / 4 + 2 * w] = alias.probability[w]!
      i32[plan.aliasTable / 4 + 2 * w + 1] = alias.alias[w]!
    }
    f32.set(tables.keepProbability ?? keepProbabilities(counts, config.sample), plan.keepProbability / 4)
    if (tables.lockFactors) f32.set(tables.lockFactors, plan.lockFactor / 4)
    else f32.fill(1, plan.lockFactor / 4, plan.lockFactor / 4 + vocabSize)
    if (tree) {
      i32.set(tree.offsets, plan.huffmanOffsets / 4)
      i32.set(tree.points, plan.huffmanPoints / 4)
      new Uint8Array(memory.buffer).set(tree.codes, plan.huffmanCodes)
    }
    i32.set(typeToVocab, plan.typeToVocab / 4)
    training.blocks.forEach((block, t) => block.configure(plan, t, { ...config, vocabSize }, threadSeed(config.seed, t)))
    return training
  }

  /**
   * Rows of one matrix without the SIMD padding, |V| × d: a copy, or with `inPlace` and rows
   * without padding (d a multiple of 4) a view of the kernels' memory, which saves a copy of the
   * matrix at the end of a run (197 MB at 493k words × 100) and must not outlive it.
   */
  private readMatrix(base: number, rows: number, inPlace: boolean): Float32Array {
    const { stride } = this.plan
    const f32 = new Float32Array(this.memory.buffer)
    if (stride === this.dim) {
      const [from, to] = [base / 4, base / 4 + rows * stride]
      return inPlace ? f32.subarray(from, to) : f32.slice(from, to)
    }
    const out = new Float32Array(rows * this.dim)
    for (let w = 0; w < rows; w++) out.set(f32.subarray(base / 4 + w * stride, base / 4 + w * stride + this.dim), w * this.dim)
    return out
  }

  private writeMatrix(base: number, rows: number, values: Float32Array): void {
    if (values.length !== rows * this.dim) {
      throw new RangeError(`Expected ${rows} × ${this.dim} values, got ${values.length}.`)
    }
    const f32 = new Float32Array(this.memory.buffer)
    for (let w = 0; w < rows; w++) f32.set(values.subarray(w * this.dim, (w + 1) * this.dim), base / 4 + w * this.plan.stride)
  }

  /** V: the centre ("input") vectors, |V| × d (a copy, or a view: see readMatrix). */
  centerWordVectors(inPlace = false): Float32Array {
    return this.readMatrix(this.plan.syn0, this.vocabSize, inPlace)
  }

  /** The given rows of V, in that order (a copy, rows.length × d). */
  centerRows(rows: readonly number[]): Float32Array {
    return this.readRows(this.plan.syn0, this.vocabSize, rows)
  }

  /** The given rows of U (word ids, or inner nodes under hierarchical softmax), in that order (a copy, rows.length × d). */
  outsideRowsOf(rows: readonly number[]): Float32Array {
    return this.readRows(this.plan.syn1, this.outsideRows, rows)
  }

  private readRows(base: number, count: number, rows: readonly number[]): Float32Array {
    return copyRows(new Float32Array(this.memory.buffer), rows, this.dim, { offset: base / 4, stride: this.plan.stride, rows: count })
  }

  /** U: the outside ("output") vectors, outsideRows × d (a copy, or a view: see readMatrix). */
  outsideVectors(inPlace = false): Float32Array {
    return this.readMatrix(this.plan.syn1, this.outsideRows, inPlace)
  }

  /** Sets the given rows of V (and of U when given) from rows.length × d values. */
  writeRows(rows: Int32Array, centerWordVectors: Float32Array, outsideVectors: Float32Array | null): void {
    const f32 = new Float32Array(this.memory.buffer)
    rows.forEach((w, i) => {
      f32.set(centerWordVectors.subarray(i * this.dim, (i + 1) * this.dim), this.plan.syn0 / 4 + w * this.plan.stride)
      if (outsideVectors) f32.set(outsideVectors.subarray(i * this.dim, (i + 1) * this.dim), this.plan.syn1 / 4 + w * this.plan.stride)
    })
  }

  /** A copy of one of the per-word tables. */
  wordTable(table: 'lockFactor' | 'keepProbability'): Float32Array {
    const from = this.plan[table] / 4
    return new Float32Array(this.memory.buffer).slice(from, from + this.vocabSize)
  }

  restoreVectors(centerWordVectors: Float32Array, outsideVectors: Float32Array): void {
    this.writeMatrix(this.plan.syn0, this.vocabSize, centerWordVectors)
    this.writeMatrix(this.plan.syn1, this.outsideRows, outsideVectors)
  }
}
