/**
 * The binary Huffman tree hierarchical softmax walks (Mikolov et al. 2013; word2vec.c's
 * CreateBinaryTree): frequent words get short paths. Built the way word2vec.c builds it, so a
 * word's code and points are word2vec.c's and gensim's for the same counts: leaves are taken in
 * descending count order and merged with two queues (leaves from the rarest up, merged nodes in
 * the order they were made), the smaller of the two merged nodes gets bit 0 and the other bit 1,
 * and inner node a is the a-th merge, so the root is |V| − 2.
 */
export interface HuffmanTree {
  readonly vocabSize: number
  /** |V| − 1: the rows of the outside matrix under hierarchical softmax, one per inner node. */
  readonly innerNodes: number
  /** Word w's path, root first, is codes / points[offsets[w] .. offsets[w + 1]). */
  readonly offsets: Int32Array
  /** The branch taken at each node on the path: 0 (σ(u·v)) or 1 (σ(−u·v)). */
  readonly codes: Uint8Array
  /** The inner node (its row of the outside matrix) at each step of the path. */
  readonly points: Int32Array
}

export class HuffmanTreeError extends RangeError {
  override readonly name = 'HuffmanTreeError'
}

/** Builds the tree for words with these counts (word ids are positions in `counts`). */
export function buildHuffmanTree(counts: ArrayLike<number>): HuffmanTree {
  const vocabSize = counts.length
  if (vocabSize === 0) throw new HuffmanTreeError('Hierarchical softmax needs at least one word in the vocabulary.')
  for (let w = 0; w < vocabSize; w++) {
    const c = counts[w]!
    if (!Number.isFinite(c) || c < 0) throw new HuffmanTreeError(`Word ${w} has count ${c}; counts must be finite and not negative.`)
  }
  // word2vec.c expects its vocabulary sorted by descending count; ours usually is (ties by id), but
  // a rank order makes the tree right for any order of ids.
  const wordAt = Array.from({ length: vocabSize }, (_, w) => w).sort((a, b) => counts[b]! - counts[a]! || a - b)
  const nodes = 2 * vocabSize - 1
  const weight = new Float64Array(nodes)
  for (let r = 0; r < vocabSize; r++) weight[r] = counts[wordAt[r]!]!
  const parent = new Int32Array(nodes)
  const bit = new Uint8Array(nodes)
  let leaf = vocabSize - 1
  let merged = vocabSize
  // The smaller of the next leaf and the next merged node; on a tie the merged node, as word2vec.c.
  const takeSmallest = (made: number): number => {
    if (leaf >= 0 && (merged >= made || weight[leaf]! < weight[merged]!)) return leaf--
    return merged++
  }
  for (let a = 0; a < vocabSize - 1; a++) {
    const made = vocabSize + a
    const first = takeSmallest(made)
    const second = takeSmallest(made)
    weight[made] = weight[first]! + weight[second]!
    parent[first] = made
    parent[second] = made
    bit[second] = 1
  }
  const root = nodes - 1
  const depth = new Int32Array(vocabSize)
  for (let r = 0; r < vocabSize; r++) for (let n = r; n !== root; n = parent[n]!) depth[r]!++
  const offsets = new Int32Array(vocabSize + 1)
  for (let r = 0; r < vocabSize; r++) offsets[wordAt[r]! + 1] = depth[r]!
  for (let w = 0; w < vocabSize; w++) offsets[w + 1]! += offsets[w]!
  const codes = new Uint8Array(offsets[vocabSize]!)
  const points = new Int32Array(offsets[vocabSize]!)
  for (let r = 0; r < vocabSize; r++) {
    // Walk leaf → root, filling the path from its end so it reads root first.
    let at = offsets[wordAt[r]! + 1]!
    for (let n = r; n !== root; n = parent[n]!) {
      at--
      codes[at] = bit[n]!
      points[at] = parent[n]! - vocabSize
    }
  }
  return { vocabSize, innerNodes: vocabSize - 1, offsets, codes, points }
}

/** Word w's branch bits, root first. */
export function wordCode(tree: HuffmanTree, w: number): Uint8Array {
  return tree.codes.subarray(tree.offsets[w], tree.offsets[w + 1])
}

/** Word w's inner nodes, root first. */
export function wordPoints(tree: HuffmanTree, w: number): Int32Array {
  return tree.points.subarray(tree.offsets[w], tree.offsets[w + 1])
}
