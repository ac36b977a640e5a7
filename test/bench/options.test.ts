import { describe, expect, it } from 'vitest'
import { BenchUsageError, ENGINE_IDS, INFORMATION_REPEATS, SCALE_DEFAULT_TYPES, SCALE_ENGINES, parseBenchArgs, parseCount, runsFor, threadCounts } from '../../bench/options'

describe('parseBenchArgs', () => {
  it('defaults to 2 threads, single-thread rows, ten seeded runs, every engine but ours at corpus_file\'s rate (a one-epoch comparison)', () => {
    expect(parseBenchArgs([])).toEqual({
      threads: 2, skipSingle: false, repeat: 10, engines: ENGINE_IDS.filter((e) => e !== 'ours-corpusfile-rate'), python: '/usr/bin/python3', scale: null, memoryRun: false, course: false, loss: 'negSampling',
    })
  })

  it('reads every option, with a space or an equals sign', () => {
    expect(parseBenchArgs(['--threads=4', '--repeat', '3', '--skip-single', '--engines', 'fasttext,ours', '--python', '/opt/py', '--loss', 'hierarchicalSoftmax'])).toEqual({
      threads: 4, skipSingle: true, repeat: 3, engines: ['ours', 'fasttext'], python: '/opt/py', scale: null, memoryRun: false, course: false, loss: 'hierarchicalSoftmax',
    })
  })

  it('--loss takes the losses every engine has, and not with --course', () => {
    expect(() => parseBenchArgs(['--loss', 'naiveSoftmax'])).toThrow(/--loss needs negSampling or hierarchicalSoftmax, got naiveSoftmax/)
    expect(() => parseBenchArgs(['--course', '--loss', 'hierarchicalSoftmax'])).toThrow(/--loss cannot be used with --course/)
  })

  it('--scale: a generated planted corpus over 1M types, ours and both gensim paths once each (and ours at corpus_file\'s rate), main thread count only', () => {
    expect(parseBenchArgs(['--scale', '30M'])).toEqual({
      threads: 2, skipSingle: true, repeat: 1, engines: [...SCALE_ENGINES], python: '/usr/bin/python3',
      scale: { kind: 'planted', tokens: 30_000_000, types: SCALE_DEFAULT_TYPES, seed: 1 }, memoryRun: false, course: false, loss: 'negSampling',
    })
    expect(SCALE_ENGINES).toEqual(['ours', 'gensim', 'gensim-corpusfile', 'ours-corpusfile-rate'])
  })

  it('--scale reads the kind, the types and the corpus seed, and keeps an explicit repeat and engine list', () => {
    expect(parseBenchArgs(['--scale=1.5k', '--kind', 'zipf', '--types=250k', '--corpus-seed', '7', '--repeat', '2', '--engines', 'ours'])).toMatchObject({
      repeat: 2, engines: ['ours'], skipSingle: true, scale: { kind: 'zipf', tokens: 1500, types: 250_000, seed: 7 },
    })
  })

  it('--memory-run: ours alone, once', () => {
    expect(parseBenchArgs(['--scale', '10M', '--kind', 'zipf', '--types', '50k', '--memory-run', '--engines', 'gensim'])).toMatchObject({
      memoryRun: true, engines: ['ours'], repeat: 1, scale: { kind: 'zipf', tokens: 10_000_000, types: 50_000, seed: 1 },
    })
  })

  it.each([['200000', 200_000], ['5M', 5_000_000], ['2g', 2_000_000_000], ['0.5k', 500]])('reads the count %s', (text, n) => {
    expect(parseCount('--scale', text)).toBe(n)
  })

  it('--course: ours alone on the course\'s schedule, three seeds unless --repeat says otherwise, and nothing of the other tiers', () => {
    expect(parseBenchArgs(['--course'])).toMatchObject({ course: true, repeat: 3, engines: ['ours'], scale: null })
    expect(parseBenchArgs(['--course', '--repeat', '5'])).toMatchObject({ course: true, repeat: 5 })
    expect(() => parseBenchArgs(['--course', '--scale', '5M'])).toThrow(/--scale cannot be used with --course/)
    expect(() => parseBenchArgs(['--course', '--engines', 'gensim'])).toThrow(BenchUsageError)
  })

  it('asks for help', () => {
    expect(parseBenchArgs(['--help'])).toBe('help')
  })

  it.each([
    [['--threads', '0'], /--threads needs a whole number/],
    [['--repeat', '1.5'], /--repeat needs a whole number/],
    [['--threads'], /got nothing/],
    [['--engines', 'ours,word2vec'], /unknown engine "word2vec"/],
    [['--engines', ''], /comma-separated list/],
    [['--fast'], /unknown option --fast/],
    [['--scale', 'many'], /--scale needs a count/],
    [['--scale', '0'], /--scale needs a count/],
    [['--scale', '5M', '--kind', 'text'], /--kind needs zipf or planted, got text/],
    [['--kind', 'zipf'], /--kind applies only to the scale tier/],
    [['--types', '10k', '--corpus-seed', '2'], /--types, --corpus-seed apply only to the scale tier/],
    [['--memory-run'], /--memory-run applies only to the scale tier/],
  ])('rejects %j with a sentence that names the problem', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(BenchUsageError)
    expect(() => parseBenchArgs(argv)).toThrow(message)
  })
})

describe('threadCounts', () => {
  it('runs the main count first, then 1, unless skipped or the same', () => {
    expect(threadCounts({ threads: 2, skipSingle: false })).toEqual([2, 1])
    expect(threadCounts({ threads: 2, skipSingle: true })).toEqual([2])
    expect(threadCounts({ threads: 1, skipSingle: false })).toEqual([1])
  })
})

describe('runsFor', () => {
  const options = { threads: 2, repeat: 10 }
  it('runs the two engines the targets compare `repeat` times at the main thread count', () => {
    expect(runsFor('ours', 2, options)).toBe(10)
    expect(runsFor('gensim', 2, options)).toBe(10)
  })

  it('runs the information-only engines at most a few times, and every 1-thread row once', () => {
    expect(runsFor('fasttext', 2, options)).toBe(INFORMATION_REPEATS)
    expect(runsFor('gensim-corpusfile', 2, { threads: 2, repeat: 1 })).toBe(1)
    expect(runsFor('ours', 1, options)).toBe(1)
  })
})
