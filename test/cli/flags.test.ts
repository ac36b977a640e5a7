import { describe, expect, it } from 'vitest'
import { UsageError, parseFlags } from '../../src-main/cli/flags'

const spec = {
  out: 'string', k: 'integer', json: 'boolean', method: ['a', 'b'], limit: { kind: 'integer', min: 1 }, rate: { kind: 'number', min: 0, max: 1 },
} as const

describe('parseFlags', () => {
  it('takes a bounded number at its bounds', () => {
    expect(parseFlags(['--limit', '1', '--rate', '0', '-k', '-1'], spec).flags).toEqual({ limit: 1, rate: 0, k: -1 })
    expect(parseFlags(['--rate=1'], spec).flags).toEqual({ rate: 1 })
  })

  it('reads --name value, --name=value, -x value, booleans and positionals', () => {
    expect(parseFlags(['cat', '--out', 'v.txt', '-k', '3', '--json', '--method=b', 'dog'], spec)).toEqual({
      flags: { out: 'v.txt', k: 3, json: true, method: 'b' },
      positional: ['cat', 'dog'],
    })
  })

  it.each([
    [['--nope'], /unknown option --nope/],
    [['-z', '1'], /unknown option -z/],
    [['-k'], /-k needs a value/],
    [['-k', '2.5'], /-k needs a whole number, not "2.5"/],
    [['--method', 'c'], /--method must be one of a, b, not "c"/],
    [['--json=yes'], /--json takes no value/],
    [['--limit', '0'], /--limit must be at least 1, not 0/],
    [['--limit=-1'], /--limit must be at least 1, not -1/],
    [['--limit', '1.5'], /--limit needs a whole number, not "1.5"/],
    [['--rate', '1.01'], /--rate must be at most 1, not 1.01/],
    [['--rate', 'NaN'], /--rate needs a number, not "NaN"/],
    [['--constructor', '5'], /unknown option --constructor/],
    [['--toString'], /unknown option --toString/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseFlags(argv, spec)).toThrow(UsageError)
    expect(() => parseFlags(argv, spec)).toThrow(message)
  })
})
