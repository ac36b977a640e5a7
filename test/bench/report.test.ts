import { describe, expect, it } from 'vitest'
import { failureReason, lastJsonLine } from '../../bench/measure'
import { formatQualityErrors, formatResultsTable, formatTargets } from '../../bench/report'
import { type ResultRow, measuredRow } from '../../bench/results'

const measured = (engine: 'ours' | 'gensim' | 'gensim-corpusfile', seconds: number): ResultRow => ({
  ...measuredRow(engine, 2, [{ wallSeconds: seconds, maxRssKiB: 131_844, cpuSeconds: 40, otherCpuSeconds: null }], { corpusTokens: 1_805_349, epochs: 5, cores: 2, vectorsFiles: [`${engine}.txt`] }),
  quality: { vocab: 11587, analogyAccuracy: 0.0765, analogyQuestions: 4473, wordsimSpearman: 0.3742, wordsimPearson: 0.37, wordsimOovPercent: 45.9 },
})

describe('formatResultsTable', () => {
  it('prints figures, quality and both gensim ratios, and a not-available row', () => {
    const rows: ResultRow[] = [measured('gensim', 22), measured('gensim-corpusfile', 11), { status: 'unavailable', engine: 'ours', threads: 1, reason: 'exit code 2: unknown command "train"' }]
    const lines = formatResultsTable(rows).split('\n')
    expect(lines[0]).toMatch(/^engine\s+threads\s+runs\s+wall s\s+words\/s\s+peak MiB\s+analogy %\s+questions\s+WordSim ρ\s+× gensim\s+× gensim cf$/)
    expect(lines[1]).toMatch(/^gensim LineSentence\s+2\s+1\s+22\.0\s+410,307\s+129\s+7\.65\s+4473\s+0\.374\s+×1\.00\s+×0\.50$/)
    expect(lines[2]).toMatch(/^gensim corpus_file\s+2\s+1\s+11\.0\s+820,613\s+.*×2\.00\s+×1\.00$/)
    expect(lines[3]).toMatch(/^ours\s+1\s+not available: exit code 2: unknown command "train"$/)
    // Figures are right-aligned under their headers.
    expect(lines[1]!.indexOf('22.0') + 4).toBe(lines[0]!.indexOf('wall s') + 6)
  })

  it('makes the engine column as wide as the longest name, also from a "not available" row', () => {
    const lines = formatResultsTable([measured('ours', 20), { status: 'unavailable', engine: 'gensim', threads: 2, reason: 'not installed' }]).split('\n')
    expect(lines[1]!.indexOf(' 2  ')).toBe(lines[2]!.indexOf(' 2  '))
  })

  it('shows a dash for WordSim ρ when only the analogies were scored', () => {
    const base = measured('ours', 20)
    const row = { ...base, quality: { vocab: 1, analogyAccuracy: 0.3, analogyQuestions: 3040, wordsimSpearman: null, wordsimPearson: null, wordsimOovPercent: null } }
    expect(formatResultsTable([row]).split('\n')[1]).toMatch(/30\.00\s+3040\s+–\s+–\s+–$/)
  })

  it('shows a dash where a score is missing', () => {
    const row = { ...measured('ours', 20), quality: { error: 'evaluation failed' } }
    expect(formatResultsTable([row]).split('\n')[1]).toMatch(/–\s+–\s+–\s+–\s+–$/)
  })
})

describe('formatTargets', () => {
  it('prints PASS/FAIL with the measured figures', () => {
    const text = formatTargets([{ name: 'speed', status: 'pass', detail: '×1.25' }, { name: 'memory', status: 'fail', detail: '×1.60' }])
    expect(text).toBe('Targets:\n  PASS  speed\n        ×1.25\n  FAIL  memory\n        ×1.60')
  })
})

describe('failureReason', () => {
  it('names the error line, not the usage text that follows it', () => {
    const stderr = 'w2v: unknown command "train"\n\nUsage: w2v <command> [options]\n  help   show this text\n'
    expect(failureReason({ exitCode: 2, signal: null }, stderr)).toBe('exit code 2: w2v: unknown command "train"')
  })

  it('falls back to the last line, and to the status alone', () => {
    expect(failureReason({ exitCode: 1, signal: null }, 'Progress: 10%\rProgress: 20%\r')).toBe('exit code 1: Progress: 20%')
    expect(failureReason({ exitCode: null, signal: 9 }, '')).toBe('killed by signal 9')
  })
})

describe('lastJsonLine', () => {
  it('parses the summary on the last line and ignores what is not JSON', () => {
    expect(lastJsonLine('{"progress":0.5}\n{"words":9,"seconds":1}\n')).toEqual({ words: 9, seconds: 1 })
    expect(lastJsonLine('done\n')).toBeUndefined()
    expect(lastJsonLine('')).toBeUndefined()
  })
})

describe('formatQualityErrors', () => {
  it('explains the rows whose vectors could not be scored', () => {
    const rows = [measured('gensim', 22), { ...measured('ours', 20), quality: { error: 'evaluation failed: no gensim' } }]
    expect(formatQualityErrors(rows)).toBe('No scores for ours at 2 threads: evaluation failed: no gensim')
    expect(formatQualityErrors([measured('gensim', 22)])).toBe('')
  })
})
