import { describe, expect, it } from 'vitest'
import { HuffmanTreeError, buildHuffmanTree, wordCode, wordPoints } from '../../src-main/core/index'

const pathOf = (counts: number[], w: number) => {
  const tree = buildHuffmanTree(counts)
  return { code: [...wordCode(tree, w)], points: [...wordPoints(tree, w)] }
}

describe('buildHuffmanTree', () => {
  it('builds word2vec.c’s tree for a small vocabulary, worked by hand', () => {
    // Counts 5, 3, 2, 1: 1 + 2 → node 0 (word 3 bit 0, word 2 bit 1); then word 1 (3) against
    // node 0 (3), a tie, which word2vec.c's strict count[leaf] < count[merged] gives to node 0 (bit 0,
    // word 1 bit 1) → node 1 (6); then word 0 (5, bit 0) and node 1 (bit 1) → the root, node 2.
    const tree = buildHuffmanTree([5, 3, 2, 1])
    expect(tree.innerNodes).toBe(3)
    expect([...wordCode(tree, 0)]).toEqual([0])
    expect([...wordPoints(tree, 0)]).toEqual([2])
    expect([...wordCode(tree, 1)]).toEqual([1, 1])
    expect([...wordPoints(tree, 1)]).toEqual([2, 1])
    expect([...wordCode(tree, 2)]).toEqual([1, 0, 1])
    expect([...wordPoints(tree, 2)]).toEqual([2, 1, 0])
    expect([...wordCode(tree, 3)]).toEqual([1, 0, 0])
    expect([...wordPoints(tree, 3)]).toEqual([2, 1, 0])
  })

  it('gives prefix-free codes whose lengths satisfy Kraft’s equality and minimise Σ count·length', () => {
    const counts = Array.from({ length: 50 }, (_, w) => Math.floor(1000 / (w + 1)) + 1)
    const tree = buildHuffmanTree(counts)
    const codes = counts.map((_, w) => wordCode(tree, w).join(''))
    for (const a of codes) for (const b of codes) if (a !== b) expect(b.startsWith(a)).toBe(false)
    expect(codes.reduce((s, c) => s + 2 ** -c.length, 0)).toBeCloseTo(1, 12)
    // Σ count·length of a Huffman code equals the sum of all merged weights (an independent computation).
    const heap = [...counts]
    let mergedTotal = 0
    while (heap.length > 1) {
      heap.sort((a, b) => a - b)
      const merged = heap.shift()! + heap.shift()!
      mergedTotal += merged
      heap.push(merged)
    }
    expect(counts.reduce((s, c, w) => s + c * codes[w]!.length, 0)).toBe(mergedTotal)
  })

  it('numbers inner nodes by merge order, the root last (|V| − 2) and first on every path', () => {
    const tree = buildHuffmanTree([9, 7, 4, 4, 2, 1])
    for (let w = 0; w < 6; w++) expect(wordPoints(tree, w)[0]).toBe(4)
    expect(Math.max(...tree.points)).toBe(4)
  })

  it('gives ids in any order the tree of their counts sorted', () => {
    const sorted = [40, 30, 20, 10, 5]
    const shuffled = [10, 40, 5, 30, 20]
    for (const [i, c] of shuffled.entries()) expect(pathOf(shuffled, i)).toEqual(pathOf(sorted, sorted.indexOf(c)))
  })

  it('gives a one-word vocabulary an empty path and no inner node', () => {
    const tree = buildHuffmanTree([7])
    expect(tree.innerNodes).toBe(0)
    expect(wordCode(tree, 0).length).toBe(0)
  })

  it('rejects an empty vocabulary and bad counts with a sentence', () => {
    expect(() => buildHuffmanTree([])).toThrow(HuffmanTreeError)
    expect(() => buildHuffmanTree([3, -1])).toThrow(/Word 1 has count -1/)
  })
})
