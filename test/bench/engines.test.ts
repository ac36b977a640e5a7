import { describe, expect, it } from 'vitest'
import { type EngineContext, SETTINGS, engineCommand, missingSummaryFields } from '../../bench/engines'

const context: EngineContext = { repoRoot: '/repo', benchDir: '/repo/bench', python: '/usr/bin/python3', vectorsDir: '/cache/vectors' }

/** The value after a flag in an argv. */
const flag = (argv: readonly string[], name: string): string | undefined => argv[argv.indexOf(name) + 1]

describe('engineCommand', () => {
  it('gives every engine the same settings and thread count', () => {
    const ours = engineCommand('ours', 2, '/c.txt', context).argv
    const gensim = engineCommand('gensim', 2, '/c.txt', context).argv
    const fasttext = engineCommand('fasttext', 2, '/c.txt', context).argv
    expect([flag(ours, '--dim'), flag(gensim, '--dim'), flag(fasttext, '-dim')]).toEqual(['100', '100', '100'])
    expect([flag(ours, '--window'), flag(gensim, '--window'), flag(fasttext, '-ws')]).toEqual(['5', '5', '5'])
    expect([flag(ours, '--negative'), flag(gensim, '--negative'), flag(fasttext, '-neg')]).toEqual(['5', '5', '5'])
    expect([flag(ours, '--sample'), flag(gensim, '--sample'), flag(fasttext, '-t')]).toEqual(['0.001', '0.001', '0.001'])
    expect([flag(ours, '--min-count'), flag(gensim, '--min-count'), flag(fasttext, '-minCount')]).toEqual(['5', '5', '5'])
    expect([flag(ours, '--epochs'), flag(gensim, '--epochs'), flag(fasttext, '-epoch')]).toEqual(['5', '5', '5'])
    expect([flag(ours, '--alpha'), flag(gensim, '--alpha'), flag(fasttext, '-lr')]).toEqual(['0.025', '0.025', '0.025'])
    expect([flag(ours, '--threads'), flag(gensim, '--threads'), flag(fasttext, '-thread')]).toEqual(['2', '2', '2'])
    expect(SETTINGS.model).toBe('skipgram')
  })

  it('runs ours as the bundled `w2v train --json` under node, writing word2vec text', () => {
    const command = engineCommand('ours', 1, '/c.txt', context)
    expect(command.argv.slice(1, 3)).toEqual(['/repo/out/cli/w2v.js', 'train'])
    expect(command.argv).toContain('--json')
    expect(flag(command.argv, '--model')).toBe('skipgram')
    expect(flag(command.argv, '--loss')).toBe('negSampling')
    expect(flag(command.argv, '--out')).toBe(command.vectorsFile)
    expect(command.vectorsFile).toBe('/cache/vectors/ours-t1.txt')
  })

  it('runs ours at corpus_file\'s rate as ours with the final rate gensim\'s workers stop at', () => {
    const matched = engineCommand('ours-corpusfile-rate', 2, '/c.txt', context).argv
    const ours = engineCommand('ours', 2, '/c.txt', context).argv
    expect(ours).not.toContain('--min-alpha')
    // Each of 2 workers decays alpha by half the corpus' words over all of them: halfway from 0.025 to 0.0001.
    expect(Number(flag(matched, '--min-alpha'))).toBeCloseTo(0.01255, 12)
    expect(Number(flag(engineCommand('ours-corpusfile-rate', 1, '/c.txt', context).argv, '--min-alpha'))).toBeCloseTo(0.0001, 12)
    expect(matched.filter((a) => a !== '--min-alpha' && a !== flag(matched, '--min-alpha'))).toEqual(ours.map((a) => a.replace('/ours-t2', '/ours-corpusfile-rate-t2')))
  })

  it('turns off fastText subwords and reads its .vec output', () => {
    const command = engineCommand('fasttext', 1, '/c.txt', context)
    expect([flag(command.argv, '-minn'), flag(command.argv, '-maxn')]).toEqual(['0', '0'])
    expect(command.vectorsFile).toBe('/cache/vectors/fasttext-t1.vec')
    expect(command.extraFiles).toEqual(['/cache/vectors/fasttext-t1.bin'])
  })

  it('trains hierarchical softmax alone in every engine when asked: ours --loss, gensim hs=1 negative=0, fastText -loss hs', () => {
    const hs: EngineContext = { ...context, loss: 'hierarchicalSoftmax' }
    const ours = engineCommand('ours', 2, '/c.txt', hs)
    expect(flag(ours.argv, '--loss')).toBe('hierarchicalSoftmax')
    expect(ours.vectorsFile).toBe('/cache/vectors/ours-hs-t2.txt')
    expect(engineCommand('gensim', 2, '/c.txt', hs).argv).toContain('--hs')
    expect(engineCommand('gensim', 2, '/c.txt', context).argv).not.toContain('--hs')
    expect(flag(engineCommand('fasttext', 2, '/c.txt', hs).argv, '-loss')).toBe('hs')
    expect(engineCommand('fasttext', 2, '/c.txt', context).argv).not.toContain('-loss')
  })

  it('selects gensim\'s reading mode', () => {
    expect(flag(engineCommand('gensim', 2, '/c.txt', context).argv, '--mode')).toBe('linesentence')
    expect(flag(engineCommand('gensim-corpusfile', 2, '/c.txt', context).argv, '--mode')).toBe('corpusfile')
  })
})

describe('missingSummaryFields', () => {
  it('lists the summary fields ours left out', () => {
    expect(missingSummaryFields({ words: 1, seconds: 1, wordsPerSec: 1, vocab: 1, finalLoss: 1, extra: 1 })).toEqual([])
    expect(missingSummaryFields({ words: 1, seconds: 1 })).toEqual(['wordsPerSec', 'vocab', 'finalLoss'])
    expect(missingSummaryFields(undefined)).toHaveLength(5)
  })
})

describe('repeated runs', () => {
  it('give each run its own seed and vectors file', () => {
    for (const engine of ['ours', 'gensim', 'fasttext'] as const) {
      const first = engineCommand(engine, 2, '/c.txt', context, 1)
      const third = engineCommand(engine, 2, '/c.txt', context, 3)
      expect(third.vectorsFile).not.toBe(first.vectorsFile)
      const seedFlag = engine === 'fasttext' ? '-seed' : '--seed'
      expect(third.argv[third.argv.indexOf(seedFlag) + 1]).toBe('3')
    }
  })
})
