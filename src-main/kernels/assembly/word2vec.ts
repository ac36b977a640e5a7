// word2vec training kernels in AssemblyScript, compiled to WebAssembly with SIMD.
//
// Memory is imported (and shared between threads for Hogwild); nothing here allocates. The
// layout and the parameter-block fields are defined in ../layout.ts; keep the P_* offsets below
// in step with PARAM there (a test checks both kernels against each other and the float64 core).
//
// Conventions are CS224n's: the centre word's row of syn0 (V, "v_c") predicts the outside word's
// row of syn1 (U, "u_o"). Every prediction is one exact SGD step: all scores are computed from
// the parameters as they were, then the updates are applied, so repeated negatives accumulate
// exactly as in negSamplingLossAndGradient.

const P_MODEL: usize = 0
const P_LOSS: usize = 4
const P_STRIDE: usize = 8
const P_VOCAB: usize = 12
const P_WINDOW: usize = 16
const P_NEGATIVES: usize = 20
const P_CBOW_MEAN: usize = 24
const P_MAX_SENTENCE: usize = 28
const P_SYN0: usize = 32
const P_SYN1: usize = 36
const P_ALIAS_TABLE: usize = 40
const P_LOCK: usize = 44
const P_HUFFMAN_OFFSETS: usize = 60
const P_KEEP: usize = 48
const P_HUFFMAN_POINTS: usize = 52
const P_HUFFMAN_CODES: usize = 56
const P_ALPHA_START: usize = 68
const P_ALPHA_END: usize = 72
const P_CHUNK_WORDS: usize = 76
const P_NEU1E: usize = 80
const P_HIDDEN: usize = 84
const P_TARGETS: usize = 88
const P_GRADIENTS: usize = 92
const P_SENTENCE: usize = 96
const P_SCORES: usize = 100
const P_CONTEXT: usize = 136
const P_CHUNK: usize = 140
const P_CHUNK_VALUES: usize = 144
const P_TYPE_TO_VOCAB: usize = 148
const P_RNG: usize = 104
const P_LOSS_SUM: usize = 112
const P_LOSS_COUNT: usize = 120
const P_WORDS_DONE: usize = 128
const P_DRAWN: usize = 160
const P_TOUCHED: usize = 164
const P_HOT_ROWS: usize = 168
const P_HOT_LOCAL: usize = 172
const P_HOT_BASE: usize = 176
const P_HOT_SYNC: usize = 180

// Where the module's static data ends; the loader checks it stays inside the reserved region.
export function staticDataEnd(): usize {
  return __heap_base
}

@inline function ptr(block: usize, field: usize): usize {
  return <usize>load<u32>(block + field)
}

// --- vector primitives (rows are stride floats, stride a multiple of 4) ---

// The sum of a score accumulator's four lanes.
@inline function lanes(sum: v128): f32 {
  return f32x4.extract_lane(sum, 0) + f32x4.extract_lane(sum, 1) + f32x4.extract_lane(sum, 2) + f32x4.extract_lane(sum, 3)
}

@inline function dot(a: usize, b: usize, stride: i32): f32 {
  let acc0 = f32x4.splat(0)
  let acc1 = f32x4.splat(0)
  const bytes = <usize>stride << 2
  let i: usize = 0
  for (; i + 32 <= bytes; i += 32) {
    acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + i), v128.load(b + i)))
    acc1 = f32x4.add(acc1, f32x4.mul(v128.load(a + i, 16), v128.load(b + i, 16)))
  }
  if (i < bytes) acc0 = f32x4.add(acc0, f32x4.mul(v128.load(a + i), v128.load(b + i)))
  return lanes(f32x4.add(acc0, acc1))
}

// y += alpha · x
@inline function axpy(alpha: f32, x: usize, y: usize, stride: i32): void {
  const a = f32x4.splat(alpha)
  const bytes = <usize>stride << 2
  for (let i: usize = 0; i < bytes; i += 16) {
    v128.store(y + i, f32x4.add(v128.load(y + i), f32x4.mul(a, v128.load(x + i))))
  }
}

// neu1e += g · u and then u += g · v, in one pass over u (u is read once, before it changes).
@inline function axpyBoth(g: f32, u: usize, neu1e: usize, v: usize, stride: i32): void {
  const a = f32x4.splat(g)
  const bytes = <usize>stride << 2
  for (let i: usize = 0; i < bytes; i += 16) {
    const row = v128.load(u + i)
    v128.store(neu1e + i, f32x4.add(v128.load(neu1e + i), f32x4.mul(a, row)))
    v128.store(u + i, f32x4.add(row, f32x4.mul(a, v128.load(v + i))))
  }
}

@inline function zero(y: usize, stride: i32): void {
  const z = f32x4.splat(0)
  const bytes = <usize>stride << 2
  for (let i: usize = 0; i < bytes; i += 16) v128.store(y + i, z)
}

@inline function scale(y: usize, s: f32, stride: i32): void {
  const a = f32x4.splat(s)
  const bytes = <usize>stride << 2
  for (let i: usize = 0; i < bytes; i += 16) v128.store(y + i, f32x4.mul(a, v128.load(y + i)))
}

// σ(x) and softplus(x) = log(1 + e^x) without overflow (exact; the tables below are built from these).
function sigmoidExact(x: f32): f32 {
  if (x >= 0) return 1 / (1 + Mathf.exp(-x))
  const e = Mathf.exp(x)
  return e / (1 + e)
}

function softplusExact(x: f32): f32 {
  return max<f32>(x, 0) + Mathf.log1p(Mathf.exp(-Mathf.abs(x)))
}

// σ and softplus are read from tables with linear interpolation: 8,192 intervals over ±16, so the
// error stays below 1e-6 (far inside the 1e-5 parity with the float64 core) at a fraction of the
// cost of exp and log1p, which dominated the inner loop. Outside ±16 the exact functions run.
const TABLE_INTERVALS: i32 = 8192
const TABLE_LIMIT: f32 = 16
const TABLE_SCALE: f32 = <f32>TABLE_INTERVALS / (2 * TABLE_LIMIT)
const SIGMOID_TABLE: usize = memory.data((TABLE_INTERVALS + 1) << 2, 16)
const SOFTPLUS_TABLE: usize = memory.data((TABLE_INTERVALS + 1) << 2, 16)

// Runs at every instantiation; every thread writes the same values.
for (let i = 0; i <= TABLE_INTERVALS; i++) {
  const x = -TABLE_LIMIT + <f32>i / TABLE_SCALE
  store<f32>(SIGMOID_TABLE + (<usize>i << 2), sigmoidExact(x))
  store<f32>(SOFTPLUS_TABLE + (<usize>i << 2), softplusExact(x))
}

@inline function interpolate(table: usize, x: f32): f32 {
  const t = (x + TABLE_LIMIT) * TABLE_SCALE
  const i = <i32>t
  const frac = t - <f32>i
  const at = table + (<usize>i << 2)
  const lo = load<f32>(at)
  return lo + (load<f32>(at, 4) - lo) * frac
}

@inline function sigmoid(x: f32): f32 {
  return x > -TABLE_LIMIT && x < TABLE_LIMIT ? interpolate(SIGMOID_TABLE, x) : sigmoidExact(x)
}

@inline function softplus(x: f32): f32 {
  return x > -TABLE_LIMIT && x < TABLE_LIMIT ? interpolate(SOFTPLUS_TABLE, x) : softplusExact(x)
}

// --- random numbers: word2vec.c's 64-bit linear congruential generator, high bits only ---

@inline function nextRandom(block: usize): u32 {
  const s = load<u64>(block + P_RNG) * 25214903917 + 11
  store<u64>(block + P_RNG, s)
  return <u32>(s >> 32)
}

// Uniform in [0, 1).
@inline function nextUnit(block: usize): f32 {
  return <f32>(nextRandom(block) >> 8) * (1.0 / 16777216.0)
}

// Uniform in [0, n) by multiply-shift.
@inline function nextBelow(block: usize, n: i32): i32 {
  return <i32>((<u64>nextRandom(block) * <u64>n) >> 32)
}

// One draw from the unigram^power noise distribution (Walker's alias table, entries of
// {f32 probability, i32 alias}).
@inline function drawNoise(block: usize, vocab: i32): i32 {
  const column = nextBelow(block, vocab)
  const entry = ptr(block, P_ALIAS_TABLE) + (<usize>column << 3)
  return nextUnit(block) < load<f32>(entry) ? column : load<i32>(entry, 4)
}

// --- one prediction: an input vector v (a syn0 row, or CBOW's h) predicts targets[0] ---

// Whether no word occurs twice among targets[0..count-1] (K ≤ 100, and usually 5: a few compares).
@inline function distinct(targets: usize, count: i32): bool {
  for (let d = 1; d < count; d++) {
    const word = load<i32>(targets + (<usize>d << 2))
    for (let e = 0; e < d; e++) if (load<i32>(targets + (<usize>e << 2)) == word) return false
  }
  return true
}

// The codes of a negative-sampling prediction's targets (see logisticSteps): the true word 0,
// then its negatives 1 (K ≤ 100, settingRules.ts).
const MAX_TARGETS: i32 = 101
const NEG_SAMPLING_CODES: usize = memory.data(MAX_TARGETS)
for (let d = 1; d < MAX_TARGETS; d++) store<u8>(NEG_SAMPLING_CODES + <usize>d, 1)

// Negative sampling: targets[0] is the true word, targets[1..count-1] the negatives. Adds the
// step for v to neu1e (v itself is left to the caller) and updates the targets' syn1 rows.
// Returns J = −log σ(u_o·v) − Σ log σ(−u_k·v).
export function negSamplingStep(v: usize, syn1: usize, stride: i32, targets: usize, count: i32, alpha: f32, neu1e: usize, gradients: usize): f32 {
  const rowBytes = <usize>stride << 2
  let loss: f32 = 0
  // With no row twice among the targets, a row's update changes no other row's score, and the
  // rows are updated as soon as they are scored (logisticSteps). A repeated row must be scored
  // again, as it was, before any update: all scores first, then all updates.
  if (distinct(targets, count)) return logisticSteps(v, syn1, stride, targets, NEG_SAMPLING_CODES, count, alpha, neu1e, gradients)
  for (let d = 0; d < count; d++) {
    const u = syn1 + <usize>load<i32>(targets + (<usize>d << 2)) * rowBytes
    const f = dot(v, u, stride)
    const s = sigmoid(f)
    let g: f32
    if (d == 0) {
      loss += softplus(-f)
      g = (1 - s) * alpha
    } else {
      loss += softplus(f)
      g = -s * alpha
    }
    store<f32>(gradients + (<usize>d << 2), g)
    axpy(g, u, neu1e, stride)
  }
  for (let d = 0; d < count; d++) {
    const u = syn1 + <usize>load<i32>(targets + (<usize>d << 2)) * rowBytes
    axpy(load<f32>(gradients + (<usize>d << 2)), v, u, stride)
  }
  return loss
}

// Naive softmax over the whole vocabulary: J = log Σ_w exp(u_w·v) − u_o·v. O(|V|·d).
export function naiveSoftmaxStep(v: usize, syn1: usize, stride: i32, vocab: i32, outside: i32, alpha: f32, neu1e: usize, scores: usize): f32 {
  const rowBytes = <usize>stride << 2
  let maxScore: f32 = -Infinity
  for (let w = 0; w < vocab; w++) {
    const f = dot(v, syn1 + <usize>w * rowBytes, stride)
    store<f32>(scores + (<usize>w << 2), f)
    maxScore = max<f32>(maxScore, f)
  }
  const outsideScore = load<f32>(scores + (<usize>outside << 2))
  let sum: f32 = 0
  for (let w = 0; w < vocab; w++) {
    const e = Mathf.exp(load<f32>(scores + (<usize>w << 2)) - maxScore)
    store<f32>(scores + (<usize>w << 2), e)
    sum += e
  }
  // Log-sum-exp: exp(u_o·v − max) is 0 in float32 below about −103, and its log would be −∞.
  const loss = Mathf.log(sum) - (outsideScore - maxScore)
  const inverseSum: f32 = 1 / sum
  // Each row is used once, so reading it into neu1e and then updating it in the same pass is exact.
  for (let w = 0; w < vocab; w++) {
    const p = load<f32>(scores + (<usize>w << 2)) * inverseSum
    const g = ((w == outside ? <f32>1 : <f32>0) - p) * alpha
    const u = syn1 + <usize>w * rowBytes
    axpy(g, u, neu1e, stride)
    axpy(g, v, u, stride)
  }
  return loss
}

// Four rows at once: their scores v · u_a..u_d in one pass that reads v once for all four. One
// accumulator per row, not dot's two: eight accumulators took longer on SOTU (too many registers).
@inline function dot4(v: usize, ua: usize, ub: usize, uc: usize, ud: usize, stride: i32, scores: usize): void {
  let a = f32x4.splat(0)
  let b = f32x4.splat(0)
  let c = f32x4.splat(0)
  let d = f32x4.splat(0)
  const bytes = <usize>stride << 2
  for (let i: usize = 0; i < bytes; i += 16) {
    const x = v128.load(v + i)
    a = f32x4.add(a, f32x4.mul(x, v128.load(ua + i)))
    b = f32x4.add(b, f32x4.mul(x, v128.load(ub + i)))
    c = f32x4.add(c, f32x4.mul(x, v128.load(uc + i)))
    d = f32x4.add(d, f32x4.mul(x, v128.load(ud + i)))
  }
  store<f32>(scores, lanes(a))
  store<f32>(scores, lanes(b), 4)
  store<f32>(scores, lanes(c), 8)
  store<f32>(scores, lanes(d), 12)
}

// axpyBoth for four distinct rows in one pass: neu1e += Σ g_x · u_x (in order a..d, as four
// calls would add them), then each u_x += g_x · v; v and neu1e are read once for all four.
@inline function axpyBoth4(gradients: usize, ua: usize, ub: usize, uc: usize, ud: usize, neu1e: usize, v: usize, stride: i32): void {
  const ga = f32x4.splat(load<f32>(gradients))
  const gb = f32x4.splat(load<f32>(gradients, 4))
  const gc = f32x4.splat(load<f32>(gradients, 8))
  const gd = f32x4.splat(load<f32>(gradients, 12))
  const bytes = <usize>stride << 2
  for (let i: usize = 0; i < bytes; i += 16) {
    const x = v128.load(v + i)
    const ra = v128.load(ua + i)
    const rb = v128.load(ub + i)
    const rc = v128.load(uc + i)
    const rd = v128.load(ud + i)
    let n = v128.load(neu1e + i)
    n = f32x4.add(n, f32x4.mul(ga, ra))
    n = f32x4.add(n, f32x4.mul(gb, rb))
    n = f32x4.add(n, f32x4.mul(gc, rc))
    n = f32x4.add(n, f32x4.mul(gd, rd))
    v128.store(neu1e + i, n)
    v128.store(ua + i, f32x4.add(ra, f32x4.mul(ga, x)))
    v128.store(ub + i, f32x4.add(rb, f32x4.mul(gb, x)))
    v128.store(uc + i, f32x4.add(rc, f32x4.mul(gc, x)))
    v128.store(ud + i, f32x4.add(rd, f32x4.mul(gd, x)))
  }
}

// Two rows at once, as dot4.
@inline function dot2(v: usize, ua: usize, ub: usize, stride: i32, scores: usize): void {
  let a = f32x4.splat(0)
  let b = f32x4.splat(0)
  const bytes = <usize>stride << 2
  for (let i: usize = 0; i < bytes; i += 16) {
    const x = v128.load(v + i)
    a = f32x4.add(a, f32x4.mul(x, v128.load(ua + i)))
    b = f32x4.add(b, f32x4.mul(x, v128.load(ub + i)))
  }
  store<f32>(scores, lanes(a))
  store<f32>(scores, lanes(b), 4)
}

// Two rows at once, as axpyBoth4.
@inline function axpyBoth2(gradients: usize, ua: usize, ub: usize, neu1e: usize, v: usize, stride: i32): void {
  const ga = f32x4.splat(load<f32>(gradients))
  const gb = f32x4.splat(load<f32>(gradients, 4))
  const bytes = <usize>stride << 2
  for (let i: usize = 0; i < bytes; i += 16) {
    const x = v128.load(v + i)
    const ra = v128.load(ua + i)
    const rb = v128.load(ub + i)
    v128.store(neu1e + i, f32x4.add(f32x4.add(v128.load(neu1e + i), f32x4.mul(ga, ra)), f32x4.mul(gb, rb)))
    v128.store(ua + i, f32x4.add(ra, f32x4.mul(ga, x)))
    v128.store(ub + i, f32x4.add(rb, f32x4.mul(gb, x)))
  }
}

// Turns the scores in steps[0..n) of rows j..j+n−1 into their steps (label − σ(f))·α and returns
// their loss.
@inline function logisticGradients(steps: usize, codes: usize, j: i32, n: i32, alpha: f32): f32 {
  let loss: f32 = 0
  for (let k = 0; k < n; k++) {
    const slot = steps + (<usize>k << 2)
    const f = load<f32>(slot)
    const label: f32 = load<u8>(codes + <usize>(j + k)) == 0 ? 1 : 0
    loss += softplus(label == 1 ? -f : f)
    store<f32>(slot, (label - sigmoid(f)) * alpha)
  }
  return loss
}

// The tree rows this thread trains its own copy of (hierarchical softmax at several threads; see
// HOT_TREE_ROWS in kernelMemoryPlan.ts): inner nodes from hotFirst on live at hotLocal while a
// chunk trains. Globals are per instance, so per thread; no node is hot outside trainChunk.
let hotFirst: i32 = i32.MAX_VALUE
let hotLocal: usize = 0

// Where syn1's row `id` is read and written: the thread's copy of a hot tree row, else syn1.
@inline function outsideRow(syn1: usize, id: i32, rowBytes: usize): usize {
  return id >= hotFirst ? hotLocal + <usize>(id - hotFirst) * rowBytes : syn1 + <usize>id * rowBytes
}

// Steps for `count` distinct syn1 rows (ids at rows[0..count)), each a binary logistic
// prediction with label 1 − code: J = Σ softplus(∓u_n·v), label 1 taking σ(u_n·v). Hierarchical
// softmax is a Huffman path with its codes; negative sampling is the true word (code 0) and its
// negatives (code 1). No row comes twice and v does not change here, so every score can be taken
// before or after any other row's update: the rows go four at a time, scored in one pass and
// updated in another (v, neu1e and each row read once per pass). Against a row at a time this
// took about a fifth less CPU time under both losses, on SOTU and on a Zipf corpus of 53,679
// words. The last one to three rows go two and one at a time.
function logisticSteps(v: usize, syn1: usize, stride: i32, rows: usize, codes: usize, count: i32, alpha: f32, neu1e: usize, steps: usize): f32 {
  const rowBytes = <usize>stride << 2
  let loss: f32 = 0
  let j = 0
  for (; j + 4 <= count; j += 4) {
    const at = rows + (<usize>j << 2)
    const ua = outsideRow(syn1, load<i32>(at), rowBytes)
    const ub = outsideRow(syn1, load<i32>(at, 4), rowBytes)
    const uc = outsideRow(syn1, load<i32>(at, 8), rowBytes)
    const ud = outsideRow(syn1, load<i32>(at, 12), rowBytes)
    dot4(v, ua, ub, uc, ud, stride, steps)
    loss += logisticGradients(steps, codes, j, 4, alpha)
    axpyBoth4(steps, ua, ub, uc, ud, neu1e, v, stride)
  }
  if (j + 2 <= count) {
    const at = rows + (<usize>j << 2)
    const ua = outsideRow(syn1, load<i32>(at), rowBytes)
    const ub = outsideRow(syn1, load<i32>(at, 4), rowBytes)
    dot2(v, ua, ub, stride, steps)
    loss += logisticGradients(steps, codes, j, 2, alpha)
    axpyBoth2(steps, ua, ub, neu1e, v, stride)
    j += 2
  }
  if (j < count) {
    const u = outsideRow(syn1, load<i32>(rows + (<usize>j << 2)), rowBytes)
    store<f32>(steps, dot(v, u, stride))
    loss += logisticGradients(steps, codes, j, 1, alpha)
    axpyBoth(load<f32>(steps), u, neu1e, v, stride)
  }
  return loss
}

// Hierarchical softmax: v walks the outside word's Huffman path, entries begin..end of the point
// and code tables.
export function hierarchicalSoftmaxStep(v: usize, syn1: usize, stride: i32, points: usize, codes: usize, begin: i32, end: i32, alpha: f32, neu1e: usize, steps: usize): f32 {
  return logisticSteps(v, syn1, stride, points + (<usize>begin << 2), codes + <usize>begin, end - begin, alpha, neu1e, steps)
}

// targets[0] = the true word, targets[1..K] = negatives for it; a draw equal to the true word
// is drawn again, as the course's getNegativeSamples does.
@inline function drawTargets(block: usize, outside: i32, targets: usize): void {
  const vocab = load<i32>(block + P_VOCAB)
  store<i32>(targets, outside)
  if (load<i32>(block + P_LOSS) != 0) return
  const negatives = load<i32>(block + P_NEGATIVES)
  for (let k = 1; k <= negatives; k++) {
    let noise = drawNoise(block, vocab)
    // A one-word vocabulary has no other word to draw: give up rather than loop forever.
    for (let retry = 0; noise == outside && retry < 32; retry++) noise = drawNoise(block, vocab)
    store<i32>(targets + (<usize>k << 2), noise)
  }
}

// v predicts the words in `targets` with the block's loss; v's step goes to neu1e.
@inline function predict(block: usize, v: usize, targets: usize, alpha: f32): f32 {
  const stride = load<i32>(block + P_STRIDE)
  const syn1 = ptr(block, P_SYN1)
  const neu1e = ptr(block, P_NEU1E)
  const loss = load<i32>(block + P_LOSS)
  if (loss == 2) {
    const offsets = ptr(block, P_HUFFMAN_OFFSETS) + (<usize>load<i32>(targets) << 2)
    return hierarchicalSoftmaxStep(v, syn1, stride, ptr(block, P_HUFFMAN_POINTS), ptr(block, P_HUFFMAN_CODES), load<i32>(offsets), load<i32>(offsets, 4), alpha, neu1e, ptr(block, P_GRADIENTS))
  }
  if (loss == 1) {
    return naiveSoftmaxStep(v, syn1, stride, load<i32>(block + P_VOCAB), load<i32>(targets), alpha, neu1e, ptr(block, P_SCORES))
  }
  return negSamplingStep(v, syn1, stride, targets, load<i32>(block + P_NEGATIVES) + 1, alpha, neu1e, ptr(block, P_GRADIENTS))
}

// How much of its update a word's centre row takes: 1, or less for a pretrained row held (partly) fixed.
@inline function lockFactor(block: usize, word: i32): f32 {
  return load<f32>(ptr(block, P_LOCK) + (<usize>word << 2))
}

// Skip-gram, one (centre, outside) pair with the targets already drawn: v_c predicts them,
// then v_c takes its step.
@inline function skipgramStep(block: usize, center: i32, targets: usize, alpha: f32): f32 {
  const stride = load<i32>(block + P_STRIDE)
  const v = ptr(block, P_SYN0) + <usize>center * (<usize>stride << 2)
  const neu1e = ptr(block, P_NEU1E)
  zero(neu1e, stride)
  const loss = predict(block, v, targets, alpha)
  axpy(lockFactor(block, center), neu1e, v, stride)
  return loss
}

export function skipgramPair(block: usize, center: i32, alpha: f32): f32 {
  return skipgramStep(block, center, ptr(block, P_TARGETS), alpha)
}

// CBOW, one window with the targets already drawn: h = Σ (or mean of) the context rows
// predicts the centre word; every context row takes ∂h/∂v_w times h's step (a word twice in
// the context takes it twice).
@inline function cbowStep(block: usize, count: i32, targets: usize, alpha: f32): f32 {
  const stride = load<i32>(block + P_STRIDE)
  const syn0 = ptr(block, P_SYN0)
  const rowBytes = <usize>stride << 2
  const context = ptr(block, P_CONTEXT)
  const hidden = ptr(block, P_HIDDEN)
  const neu1e = ptr(block, P_NEU1E)
  zero(hidden, stride)
  zero(neu1e, stride)
  for (let c = 0; c < count; c++) axpy(1, syn0 + <usize>load<i32>(context + (<usize>c << 2)) * rowBytes, hidden, stride)
  const share: f32 = load<i32>(block + P_CBOW_MEAN) != 0 ? <f32>1 / <f32>count : 1
  if (share != 1) scale(hidden, share, stride)
  const loss = predict(block, hidden, targets, alpha)
  for (let c = 0; c < count; c++) {
    const word = load<i32>(context + (<usize>c << 2))
    axpy(share * lockFactor(block, word), neu1e, syn0 + <usize>word * rowBytes, stride)
  }
  return loss
}

export function cbowWindow(block: usize, count: i32, alpha: f32): f32 {
  return cbowStep(block, count, ptr(block, P_TARGETS), alpha)
}

// --- a sentence, with each window's rows requested before they are needed ---
//
// At |V| in the hundreds of thousands the matrices are far larger than the caches and a
// prediction's K + 1 syn1 rows are each a miss to memory; taken one after another they leave
// the CPU waiting most of the time. WebAssembly has no prefetch instruction, but a load whose
// value nothing waits for (until the sentence's end) does the same: the CPU fetches the next
// prediction's rows, all at once, while it computes this one. Every cache line of a row must be
// loaded; loading only its first line gained nothing (the hardware did not fetch the rest).
// Knowing the next prediction's rows means drawing its negatives early, so each window is drawn
// one window ahead into a record {lo, hi, targets of each prediction}; the generator is called
// in the same order as before (window i's draws, then window i + 1's), so results do not change.

// Predictions per window record: skip-gram makes one per outside word, CBOW one per window.
@inline function windowPredictions(block: usize): i32 {
  return load<i32>(block + P_MODEL) == 0 ? 2 * load<i32>(block + P_WINDOW) : 1
}

// Draws centre i's window: the random shrink, then its predictions' targets.
@inline function drawWindow(block: usize, length: i32, i: i32, record: usize): void {
  const window = load<i32>(block + P_WINDOW)
  const sentence = ptr(block, P_SENTENCE)
  const reduced = window - nextBelow(block, window)
  const lo = max<i32>(0, i - reduced)
  const hi = min<i32>(length - 1, i + reduced)
  store<i32>(record, lo)
  store<i32>(record, hi, 4)
  const width = <usize>(load<i32>(block + P_NEGATIVES) + 1) << 2
  let targets = record + 8
  if (load<i32>(block + P_MODEL) == 0) {
    for (let j = lo; j <= hi; j++) {
      if (j == i) continue
      drawTargets(block, load<i32>(sentence + (<usize>j << 2)), targets)
      targets += width
    }
  } else if (hi > lo) {
    drawTargets(block, load<i32>(sentence + (<usize>i << 2)), targets)
  }
}

// Loads a word of every cache line of the listed rows and combines them, so the loads are kept.
@inline function touchRows(matrix: usize, rows: usize, count: i32, rowBytes: usize): i32 {
  let touched: i32 = 0
  for (let d = 0; d < count; d++) {
    const row = matrix + <usize>load<i32>(rows + (<usize>d << 2)) * rowBytes
    for (let b: usize = 0; b < rowBytes; b += 64) touched ^= load<i32>(row + b)
    touched ^= load<i32>(row + rowBytes - 4)
  }
  return touched
}

// Under hierarchical softmax the top levels of the tree lie on most paths and stay in cache
// (at most 2^10 − 1 inner nodes, 400 KB at d = 100). Touching whole paths cost 8 % of the time on
// SOTU (11,587 words, paths of 11 nodes on average), so only the part below these levels is touched.
const HOT_TREE_LEVELS: i32 = 10

// Touches the syn1 rows a prediction will read: its targets' rows, or under hierarchical softmax
// the inner nodes on the true word's path below the hot levels.
@inline function touchPrediction(block: usize, syn1: usize, targets: usize, targetCount: i32, rowBytes: usize): i32 {
  if (load<i32>(block + P_LOSS) != 2) return touchRows(syn1, targets, targetCount, rowBytes)
  const offsets = ptr(block, P_HUFFMAN_OFFSETS) + (<usize>load<i32>(targets) << 2)
  const begin = load<i32>(offsets) + HOT_TREE_LEVELS
  const end = load<i32>(offsets, 4)
  if (begin >= end) return 0
  return touchRows(syn1, ptr(block, P_HUFFMAN_POINTS) + (<usize>begin << 2), end - begin, rowBytes)
}

// Predictions trained on the copy of the hot tree rows since the last sync.
let sinceSync: i32 = 0

// Starts the chunk's copy of the hot tree rows from the shared rows.
function takeHotRows(block: usize): void {
  const rows = load<i32>(block + P_HOT_ROWS)
  const rowBytes = <usize>load<i32>(block + P_STRIDE) << 2
  hotFirst = load<i32>(block + P_VOCAB) - 1 - rows
  hotLocal = ptr(block, P_HOT_LOCAL)
  const shared = ptr(block, P_SYN1) + <usize>hotFirst * rowBytes
  memory.copy(hotLocal, shared, <usize>rows * rowBytes)
  memory.copy(ptr(block, P_HOT_BASE), shared, <usize>rows * rowBytes)
  sinceSync = 0
}

// Adds what this thread changed in its copy since the last sync to the shared rows (as a Hogwild
// step would, unlocked) and takes the result, with the other threads' changes, as its new copy.
function syncHotRows(block: usize): void {
  const rows = load<i32>(block + P_HOT_ROWS)
  const bytes = <usize>rows * (<usize>load<i32>(block + P_STRIDE) << 2)
  const shared = ptr(block, P_SYN1) + <usize>hotFirst * (<usize>load<i32>(block + P_STRIDE) << 2)
  const base = ptr(block, P_HOT_BASE)
  for (let i: usize = 0; i < bytes; i += 16) {
    const row = f32x4.add(v128.load(shared + i), f32x4.sub(v128.load(hotLocal + i), v128.load(base + i)))
    v128.store(shared + i, row)
    v128.store(hotLocal + i, row)
    v128.store(base + i, row)
  }
  sinceSync = 0
}

// Counts a prediction; syncs the hot tree rows every P_HOT_SYNC predictions (HOT_SYNC_PREDICTIONS).
@inline function predicted(block: usize): void {
  if (hotFirst != i32.MAX_VALUE && ++sinceSync >= load<i32>(block + P_HOT_SYNC)) syncHotRows(block)
}

// The chunk's loss total and prediction count, kept by trainSentence for trainChunk.
let lossSum: f64 = 0
let lossCount: f64 = 0

// Trains the sub-sampled sentence (P_SENTENCE, `length` words) at one learning rate.
function trainSentence(block: usize, length: i32, alpha: f32): void {
  if (length == 0) return
  const model = load<i32>(block + P_MODEL)
  const sentence = ptr(block, P_SENTENCE)
  const context = ptr(block, P_CONTEXT)
  const syn0 = ptr(block, P_SYN0)
  const syn1 = ptr(block, P_SYN1)
  const rowBytes = <usize>load<i32>(block + P_STRIDE) << 2
  const targetCount = load<i32>(block + P_NEGATIVES) + 1
  const width = <usize>(load<i32>(block + P_NEGATIVES) + 1) << 2
  const recordBytes: usize = 8 + <usize>windowPredictions(block) * width
  let current = ptr(block, P_DRAWN)
  let next = current + recordBytes
  let touched: i32 = 0
  drawWindow(block, length, 0, current)
  for (let i = 0; i < length; i++) {
    const hasNext = i + 1 < length
    if (hasNext) {
      drawWindow(block, length, i + 1, next)
      touched ^= touchRows(syn0, sentence + (<usize>(i + 1) << 2), 1, rowBytes)
    }
    const lo = load<i32>(current)
    const hi = load<i32>(current, 4)
    const center = load<i32>(sentence + (<usize>i << 2))
    if (model == 0) {
      const pairs = hi - lo
      for (let p = 0; p < pairs; p++) {
        const targets = current + 8 + <usize>p * width
        if (p + 1 < pairs) touched ^= touchPrediction(block, syn1, targets + width, targetCount, rowBytes)
        else if (hasNext) touched ^= touchPrediction(block, syn1, next + 8, targetCount, rowBytes)
        lossSum += skipgramStep(block, center, targets, alpha)
        lossCount += 1
        predicted(block)
      }
    } else if (hi > lo) {
      let count = 0
      for (let j = lo; j <= hi; j++) {
        if (j == i) continue
        store<i32>(context + (<usize>count << 2), load<i32>(sentence + (<usize>j << 2)))
        count++
      }
      if (hasNext) touched ^= touchPrediction(block, syn1, next + 8, targetCount, rowBytes)
      lossSum += cbowStep(block, count, current + 8, alpha)
      lossCount += 1
      predicted(block)
    }
    const swap = current
    current = next
    next = swap
  }
  store<i32>(block + P_TOUCHED, touched)
}

// Trains on the chunk of the token stream in the chunk buffer: type ids mapped to word ids
// through typeToVocab (dropped words skipped, so windows close over them) and SENTENCE_END
// (any negative value) ending a sentence. A sentence is trained in pieces of maxSentence kept
// words, as word2vec.c cuts long lines, and the chunk's end ends its last piece. Per piece:
// sub-sampling, a random window shrink per centre word, the learning rate falling linearly from
// alphaStart to alphaEnd over the chunk's kept words.
export function trainChunk(block: usize): void {
  const maxSentence = load<i32>(block + P_MAX_SENTENCE)
  const stream = ptr(block, P_CHUNK)
  const values = load<i32>(block + P_CHUNK_VALUES)
  const typeToVocab = ptr(block, P_TYPE_TO_VOCAB)
  const keep = ptr(block, P_KEEP)
  const sentence = ptr(block, P_SENTENCE)
  const alphaStart = load<f32>(block + P_ALPHA_START)
  const alphaSpan = load<f32>(block + P_ALPHA_END) - alphaStart
  const chunkWords = <f32>max<i32>(1, load<i32>(block + P_CHUNK_WORDS))

  lossSum = 0
  lossCount = 0
  const hot = load<i32>(block + P_HOT_ROWS) > 0
  if (hot) takeHotRows(block)
  let wordsDone: i32 = 0
  let p = 0
  while (p < values) {
    // One piece: kept words up to a sentence end, maxSentence of them, or the chunk's end.
    let pieceWords = 0
    let length = 0
    while (p < values) {
      const t = load<i32>(stream + (<usize>p << 2))
      p++
      if (t < 0) break
      const w = load<i32>(typeToVocab + (<usize>t << 2))
      if (w < 0) continue
      pieceWords++
      const k = load<f32>(keep + (<usize>w << 2))
      if (!(k < 1 && k < nextUnit(block))) {
        store<i32>(sentence + (<usize>length << 2), w)
        length++
      }
      if (pieceWords == maxSentence) break
    }
    if (pieceWords == 0) continue
    const alpha = alphaStart + alphaSpan * (<f32>wordsDone / chunkWords)
    wordsDone += pieceWords
    trainSentence(block, length, alpha)
  }
  if (hot) {
    syncHotRows(block)
    hotFirst = i32.MAX_VALUE
  }
  store<f64>(block + P_LOSS_SUM, load<f64>(block + P_LOSS_SUM) + lossSum)
  store<f64>(block + P_LOSS_COUNT, load<f64>(block + P_LOSS_COUNT) + lossCount)
  store<f64>(block + P_WORDS_DONE, load<f64>(block + P_WORDS_DONE) + <f64>wordsDone)
}
