/**
 * The Huffman tree's codes and points equal gensim's (Word2Vec(hs=1) stores them on the vocabulary
 * as the 'code' and 'point' attributes) for the same counts. The counts are Zipf-like and chosen
 * so no two weights the construction compares are equal: on a tie word2vec.c takes the merged
 * node and gensim's heap the leaf, so with ties the two trees differ (both optimal).
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Random, buildHuffmanTree, wordCode, wordPoints } from '../../src-main/core/index'
import { PYTHON, pythonCanImport } from '../support/python'

const hasGensim = pythonCanImport('gensim', 'the Huffman tree parity test with gensim')

const COUNTS = Array.from({ length: 40 }, (_, r) => Math.floor(5000 / (r + 1) ** 1.05) + ((r * 13) % 13))

const SCRIPT = `
import json, logging, sys
logging.disable(logging.CRITICAL)
from gensim.models import Word2Vec
from gensim.models.word2vec import LineSentence
model = Word2Vec(hs=1, negative=0, min_count=1, sample=0, vector_size=4, workers=1)
model.build_vocab(LineSentence(sys.argv[1]))
wv = model.wv
print(json.dumps({w: {'count': int(wv.get_vecattr(w, 'count')), 'code': [int(c) for c in wv.get_vecattr(w, 'code')],
                      'point': [int(p) for p in wv.get_vecattr(w, 'point')]} for w in wv.index_to_key}))
`

describe.runIf(hasGensim)('Huffman tree parity with gensim', () => {
  const dir = mkdtempSync(join(tmpdir(), 'w2v-huffman-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('gives every word gensim’s code and points', () => {
    const words = COUNTS.map((_, w) => `w${w}`)
    const tokens = COUNTS.flatMap((c, w) => Array<string>(c).fill(words[w]!))
    const random = new Random(3)
    for (let i = tokens.length - 1; i > 0; i--) {
      const j = random.nextInt(i + 1)
      ;[tokens[i], tokens[j]] = [tokens[j]!, tokens[i]!]
    }
    const lines: string[] = []
    for (let i = 0; i < tokens.length; i += 17) lines.push(tokens.slice(i, i + 17).join(' '))
    const corpus = join(dir, 'corpus.txt')
    writeFileSync(corpus, lines.join('\n') + '\n')

    const run = spawnSync(PYTHON, ['-c', SCRIPT, corpus], { encoding: 'utf8', maxBuffer: 1 << 24 })
    expect(run.status, run.stderr).toBe(0)
    const gensim = JSON.parse(run.stdout) as Record<string, { count: number; code: number[]; point: number[] }>

    const tree = buildHuffmanTree(COUNTS)
    expect(Object.keys(gensim).length).toBe(words.length)
    words.forEach((word, w) => {
      expect(gensim[word]!.count).toBe(COUNTS[w])
      expect({ word, code: [...wordCode(tree, w)], point: [...wordPoints(tree, w)] })
        .toEqual({ word, code: gensim[word]!.code, point: gensim[word]!.point })
    })
  })
})
