import { describe, expect, it } from 'vitest'
import { UsageError, parseFlags } from '../../src-main/cli/flags'

const spec = { out: 'string', k: 'integer', json: 'boolean', method: ['a', 'b'] } as const

describe('parseFlags', () => {
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
  ])('rejects %j', (argv, message) => {
    expect(() => parseFlags(argv, spec)).toThrow(UsageError)
    expect(() => parseFlags(argv, spec)).toThrow(message)
  })
})
