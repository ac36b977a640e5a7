import { describe, expect, it } from 'vitest'
import { formatMemoryRun, memoryRunCheck } from '../../bench/memoryRun'

const row = (tokens: number, peakMiB: number, vocab: number | null = 50_000) => ({ tokens, vocab, wallSeconds: tokens / 250_000, peakMiB })

describe('memoryRunCheck', () => {
  it('passes when the longer corpus peaks within 10 % of the shorter one', () => {
    const check = memoryRunCheck(row(10e6, 300), row(50e6, 329))
    expect(check.status).toBe('pass')
    expect(check.detail).toContain('+9.7%')
  })

  it('fails when peak memory grows with the corpus', () => {
    expect(memoryRunCheck(row(10e6, 300), row(50e6, 331)).status).toBe('fail')
  })

  it('fails, saying why, when the two corpora kept different vocabularies', () => {
    const check = memoryRunCheck(row(10e6, 300, 48_000), row(50e6, 300, 50_000))
    expect(check.status).toBe('fail')
    expect(check.detail).toMatch(/different vocabularies.*fewer --types/)
    expect(memoryRunCheck(row(10e6, 300, null), row(50e6, 300)).status).toBe('fail')
  })
})

describe('formatMemoryRun', () => {
  it('shows tokens, vocabulary, wall time, words/s and peak per run', () => {
    const lines = formatMemoryRun([row(10e6, 300), row(50e6, 310)]).split('\n')
    expect(lines[0]).toMatch(/tokens\s+vocabulary\s+wall s\s+words\/s\s+peak MiB/)
    expect(lines[2]).toMatch(/50,000,000\s+50,000\s+200\.0\s+250,000\s+310$/)
  })
})
