import { describe, expect, it } from 'vitest'
import { BenchUsageError, ENGINE_IDS, parseBenchArgs, threadCounts } from '../../bench/options'

describe('parseBenchArgs', () => {
  it('defaults to 2 threads, single-thread rows, three seeded runs, every engine', () => {
    expect(parseBenchArgs([])).toEqual({ threads: 2, skipSingle: false, repeat: 3, engines: [...ENGINE_IDS], python: '/usr/bin/python3' })
  })

  it('reads every option, with a space or an equals sign', () => {
    expect(parseBenchArgs(['--threads=4', '--repeat', '3', '--skip-single', '--engines', 'fasttext,ours', '--python', '/opt/py'])).toEqual({
      threads: 4, skipSingle: true, repeat: 3, engines: ['ours', 'fasttext'], python: '/opt/py',
    })
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
