import type { Word2vecKernel } from './kernel'
import { PARAM } from './layout'

const LCG_MULTIPLIER = 25214903917n
const U64_MASK = (1n << 64n) - 1n

/**
 * The kernels of assembly/word2vec.ts in plain TypeScript, for runtimes without WebAssembly
 * SIMD, and as a second implementation the parity tests hold against the first. Same memory
 * layout, same algorithm, same generator; arithmetic is float64 on float32 storage, so results
 * agree with the WebAssembly build to float32 rounding, not bit for bit. The WebAssembly build
 * draws each window one window ahead, to load the rows it will need early; it calls the
 * generator in the same order as this one, which draws each pair's targets just before its step.
 */
export function createTypeScriptKernel(buffer: ArrayBufferLike): Word2vecKernel {
  const f32 = new Float32Array(buffer)
  const i32 = new Int32Array(buffer)
  const u32 = new Uint32Array(buffer)
  const view = new DataView(buffer as ArrayBuffer)
  const field = (block: number, offset: number): number => i32[(block + offset) >> 2]!
  const pointer = (block: number, offset: number): number => u32[(block + offset) >> 2]!

  const nextRandom = (block: number): number => {
    const s = (view.getBigUint64(block + PARAM.rngState, true) * LCG_MULTIPLIER + 11n) & U64_MASK
    view.setBigUint64(block + PARAM.rngState, s, true)
    return Number(s >> 32n)
  }
  const nextUnit = (block: number): number => Math.fround((nextRandom(block) >>> 8) / 16777216)
  const nextBelow = (block: number, n: number): number => Math.floor((nextRandom(block) * n) / 4294967296)

  const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)))
  const softplus = (x: number): number => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)))

  // Rows are addressed by float index (byte offset / 4).
  const dot = (a: number, b: number, stride: number): number => {
    let s = 0
    for (let k = 0; k < stride; k++) s += f32[a + k]! * f32[b + k]!
    return Math.fround(s)
  }
  const axpy = (alpha: number, x: number, y: number, stride: number): void => {
    for (let k = 0; k < stride; k++) f32[y + k]! += alpha * f32[x + k]!
  }

  function negSamplingStep(v: number, syn1: number, stride: number, targets: number, count: number, alpha: number, neu1e: number, gradients: number): number {
    let loss = 0
    for (let d = 0; d < count; d++) {
      const u = syn1 + i32[targets + d]! * stride
      const f = dot(v, u, stride)
      const s = sigmoid(f)
      loss += d === 0 ? softplus(-f) : softplus(f)
      const g = Math.fround(((d === 0 ? 1 : 0) - s) * alpha)
      f32[gradients + d] = g
      axpy(g, u, neu1e, stride)
    }
    for (let d = 0; d < count; d++) axpy(f32[gradients + d]!, v, syn1 + i32[targets + d]! * stride, stride)
    return loss
  }

  function naiveSoftmaxStep(v: number, syn1: number, stride: number, vocab: number, outside: number, alpha: number, neu1e: number, scores: number): number {
    let max = -Infinity
    for (let w = 0; w < vocab; w++) {
      const f = dot(v, syn1 + w * stride, stride)
      f32[scores + w] = f
      max = Math.max(max, f)
    }
    const outsideScore = f32[scores + outside]!
    let sum = 0
    for (let w = 0; w < vocab; w++) {
      const e = Math.exp(f32[scores + w]! - max)
      f32[scores + w] = e
      sum += e
    }
    // Log-sum-exp: exp(u_o·v − max) is 0 in float32 below about −103, and its log would be −∞.
    const loss = Math.log(sum) - (outsideScore - max)
    for (let w = 0; w < vocab; w++) {
      const g = Math.fround(((w === outside ? 1 : 0) - f32[scores + w]! / sum) * alpha)
      const u = syn1 + w * stride
      axpy(g, u, neu1e, stride)
      axpy(g, v, u, stride)
    }
    return loss
  }

  const u8 = new Uint8Array(buffer)

  // The path never visits a node twice, so each row is updated right after its score.
  function hierarchicalSoftmaxStep(block: number, v: number, syn1: number, stride: number, outside: number, alpha: number, neu1e: number): number {
    const offsets = pointer(block, PARAM.huffmanOffsets) >> 2
    const points = pointer(block, PARAM.huffmanPoints) >> 2
    const codes = pointer(block, PARAM.huffmanCodes)
    let loss = 0
    for (let j = i32[offsets + outside]!; j < i32[offsets + outside + 1]!; j++) {
      const u = syn1 + i32[points + j]! * stride
      const f = dot(v, u, stride)
      const label = u8[codes + j] === 0 ? 1 : 0
      loss += softplus(label === 1 ? -f : f)
      const g = Math.fround((label - sigmoid(f)) * alpha)
      axpy(g, u, neu1e, stride)
      axpy(g, v, u, stride)
    }
    return loss
  }

  function drawTargets(block: number, outside: number): void {
    const targets = pointer(block, PARAM.targets) >> 2
    i32[targets] = outside
    if (field(block, PARAM.loss) !== 0) return
    const vocab = field(block, PARAM.vocabSize)
    const table = pointer(block, PARAM.aliasTable) >> 2
    const draw = (): number => {
      const column = nextBelow(block, vocab)
      return nextUnit(block) < f32[table + 2 * column]! ? column : i32[table + 2 * column + 1]!
    }
    const negatives = field(block, PARAM.negatives)
    for (let k = 1; k <= negatives; k++) {
      let noise = draw()
      for (let retry = 0; noise === outside && retry < 32; retry++) noise = draw()
      i32[targets + k] = noise
    }
  }

  function predict(block: number, v: number, alpha: number): number {
    const stride = field(block, PARAM.stride)
    const syn1 = pointer(block, PARAM.syn1) >> 2
    const targets = pointer(block, PARAM.targets) >> 2
    const neu1e = pointer(block, PARAM.neu1e) >> 2
    if (field(block, PARAM.loss) === 2) return hierarchicalSoftmaxStep(block, v, syn1, stride, i32[targets]!, alpha, neu1e)
    if (field(block, PARAM.loss) === 1) {
      return naiveSoftmaxStep(v, syn1, stride, field(block, PARAM.vocabSize), i32[targets]!, alpha, neu1e, pointer(block, PARAM.scores) >> 2)
    }
    return negSamplingStep(v, syn1, stride, targets, field(block, PARAM.negatives) + 1, alpha, neu1e, pointer(block, PARAM.gradients) >> 2)
  }

  function skipgramPair(block: number, center: number, alpha: number): number {
    const stride = field(block, PARAM.stride)
    const v = (pointer(block, PARAM.syn0) >> 2) + center * stride
    const neu1e = pointer(block, PARAM.neu1e) >> 2
    f32.fill(0, neu1e, neu1e + stride)
    const loss = predict(block, v, alpha)
    axpy(f32[(pointer(block, PARAM.lockFactor) >> 2) + center]!, neu1e, v, stride)
    return loss
  }

  function cbowWindow(block: number, count: number, alpha: number): number {
    const stride = field(block, PARAM.stride)
    const syn0 = pointer(block, PARAM.syn0) >> 2
    const context = pointer(block, PARAM.context) >> 2
    const hidden = pointer(block, PARAM.hidden) >> 2
    const neu1e = pointer(block, PARAM.neu1e) >> 2
    f32.fill(0, hidden, hidden + stride)
    f32.fill(0, neu1e, neu1e + stride)
    for (let c = 0; c < count; c++) axpy(1, syn0 + i32[context + c]! * stride, hidden, stride)
    const share = field(block, PARAM.cbowMean) !== 0 ? Math.fround(1 / count) : 1
    if (share !== 1) for (let k = 0; k < stride; k++) f32[hidden + k]! *= share
    const loss = predict(block, hidden, alpha)
    const lock = pointer(block, PARAM.lockFactor) >> 2
    for (let c = 0; c < count; c++) {
      const word = i32[context + c]!
      axpy(Math.fround(share * f32[lock + word]!), neu1e, syn0 + word * stride, stride)
    }
    return loss
  }

  function trainChunk(block: number): void {
    const model = field(block, PARAM.model)
    const window = field(block, PARAM.window)
    const maxSentence = field(block, PARAM.maxSentence)
    const stream = pointer(block, PARAM.chunk) >> 2
    const values = field(block, PARAM.chunkValues)
    const typeToVocab = pointer(block, PARAM.typeToVocab) >> 2
    const keep = pointer(block, PARAM.keepProbability) >> 2
    const sentence = pointer(block, PARAM.sentence) >> 2
    const context = pointer(block, PARAM.context) >> 2
    const alphaStart = view.getFloat32(block + PARAM.alphaStart, true)
    const alphaSpan = view.getFloat32(block + PARAM.alphaEnd, true) - alphaStart
    const chunkWords = Math.max(1, field(block, PARAM.chunkWords))
    let lossSum = 0
    let lossCount = 0
    let wordsDone = 0
    let p = 0
    while (p < values) {
      // One piece: kept words up to a sentence end (a negative value), maxSentence of them, or the chunk's end.
      let pieceWords = 0
      let length = 0
      while (p < values) {
        const t = i32[stream + p++]!
        if (t < 0) break
        const w = i32[typeToVocab + t]!
        if (w < 0) continue
        pieceWords++
        const k = f32[keep + w]!
        if (!(k < 1 && k < nextUnit(block))) i32[sentence + length++] = w
        if (pieceWords === maxSentence) break
      }
      if (pieceWords === 0) continue
      const alpha = Math.fround(alphaStart + alphaSpan * (wordsDone / chunkWords))
      wordsDone += pieceWords
      for (let i = 0; i < length; i++) {
        const reduced = window - nextBelow(block, window)
        const lo = Math.max(0, i - reduced)
        const hi = Math.min(length - 1, i + reduced)
        const center = i32[sentence + i]!
        if (model === 0) {
          for (let j = lo; j <= hi; j++) {
            if (j === i) continue
            drawTargets(block, i32[sentence + j]!)
            lossSum += skipgramPair(block, center, alpha)
            lossCount++
          }
        } else {
          let count = 0
          for (let j = lo; j <= hi; j++) if (j !== i) i32[context + count++] = i32[sentence + j]!
          if (count > 0) {
            drawTargets(block, center)
            lossSum += cbowWindow(block, count, alpha)
            lossCount++
          }
        }
      }
    }
    view.setFloat64(block + PARAM.lossSum, view.getFloat64(block + PARAM.lossSum, true) + lossSum, true)
    view.setFloat64(block + PARAM.lossCount, view.getFloat64(block + PARAM.lossCount, true) + lossCount, true)
    view.setFloat64(block + PARAM.wordsDone, view.getFloat64(block + PARAM.wordsDone, true) + wordsDone, true)
  }

  return { kind: 'typescript', trainChunk, skipgramPair, cbowWindow }
}
