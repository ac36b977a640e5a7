import { describe, expect, it } from 'vitest'
import { type EngineId } from '../../bench/options'
import { type Quality, type ResultRow, TARGETS, analogyDifferenceStdError, checkTargets, exitCodeFor, meanQuality, measuredRow, speedRatio, wordsPerSecond } from '../../bench/results'

const quality = (analogyAccuracy: number, wordsimSpearman: number): Quality => ({
  vocab: 11587, analogyAccuracy, analogyQuestions: 4473, wordsimSpearman, wordsimPearson: wordsimSpearman, wordsimOovPercent: 45.9,
})

/** A measured row: 1,000,000 tokens × 5 epochs, so words/s = 5e6 / seconds. */
function row(engine: EngineId, threads: number, seconds: number, peakMiB: number, q: Quality | { error: string } = quality(0.07, 0.35)): ResultRow {
  const r = measuredRow(engine, threads, [{ wallSeconds: seconds, maxRssKiB: peakMiB * 1024, cpuSeconds: seconds * threads, otherCpuSeconds: 0 }], { corpusTokens: 1e6, epochs: 5, cores: 2, vectorsFiles: [`${engine}-t${threads}.txt`] })
  return { ...r, quality: q }
}

const statusOf = (rows: ResultRow[]): string[] => checkTargets(rows, 2).map((c) => c.status)

describe('wordsPerSecond and measuredRow', () => {
  it('defines words/s as corpus tokens × epochs over whole-process wall seconds', () => {
    expect(wordsPerSecond(1_805_349, 5, 25)).toBeCloseTo(361_069.8, 1)
  })

  it('keeps the best wall time but the worst peak memory over repeats', () => {
    const r = measuredRow('gensim', 2, [
      { wallSeconds: 30, maxRssKiB: 100 * 1024, cpuSeconds: 55, otherCpuSeconds: 6 },
      { wallSeconds: 25, maxRssKiB: 120 * 1024, cpuSeconds: 48, otherCpuSeconds: 1 },
    ], { corpusTokens: 1e6, epochs: 5, cores: 2, vectorsFiles: ["g.txt"] })
    expect(r.wallSeconds).toBe(25)
    expect(r.wallSecondsAll).toEqual([30, 25])
    expect(r.wordsPerSec).toBe(200_000)
    expect(r.peakMiB).toBe(120)
    expect(r.cpuSeconds).toBe(48)
    expect(r.otherCpuShare).toBeCloseTo(1 / 50)
  })

  it('refuses an empty list of runs', () => {
    expect(() => measuredRow('ours', 1, [], { corpusTokens: 1, epochs: 1, cores: 1, vectorsFiles: ["x"] })).toThrow(RangeError)
  })
})

describe('speedRatio', () => {
  it('compares with the baseline at the same thread count only', () => {
    const rows = [row('ours', 2, 20, 100), row('gensim', 2, 25, 100), row('ours', 1, 40, 100), row('gensim-corpusfile', 2, 16, 100)]
    expect(speedRatio(rows, rows[0]!, 'gensim')).toBeCloseTo(1.25)
    expect(speedRatio(rows, rows[0]!, 'gensim-corpusfile')).toBeCloseTo(0.8)
    expect(speedRatio(rows, rows[2]!, 'gensim')).toBeNull()
  })
})

describe('checkTargets', () => {
  it('passes when ours is fast enough, as good and small enough', () => {
    const rows = [row('ours', 2, 20, 140, quality(0.072, 0.34)), row('gensim', 2, 25, 100, quality(0.076, 0.355)), row('ours', 1, 40, 100), row('gensim', 1, 45, 100)]
    const checks = checkTargets(rows, 2)
    expect(checks.map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass'])
    expect(checks[0]!.detail).toContain('×1.25')
    expect(checks[1]!.detail).toContain('−0.40 points')
    expect(exitCodeFor(checks)).toBe(0)
  })

  it('fails each target on its own threshold', () => {
    // 1.2 × gensim's speed needs ≤ 25/1.2 = 20.83 s; 21 s is too slow.
    const rows = [row('ours', 2, 21, 151, quality(0.07, 0.33)), row('gensim', 2, 25, 100, quality(0.0751, 0.351))]
    expect(statusOf(rows)).toEqual(['fail', 'fail', 'fail', 'fail', 'pass'])
    expect(exitCodeFor(checkTargets(rows, 2))).toBe(1)
  })

  it('treats the quality targets as one-sided: better than gensim always passes', () => {
    const rows = [row('ours', 2, 10, 50, quality(0.2, 0.6)), row('gensim', 2, 25, 100, quality(0.07, 0.35))]
    expect(statusOf(rows)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass'])
  })

  it('passes exactly at the thresholds', () => {
    const gensim = quality(0.07, 0.35)
    const ours = quality(0.07 - TARGETS.maxAnalogyDropPoints / 100, 0.35 - TARGETS.maxSpearmanDrop)
    const rows = [row('ours', 2, 25 / TARGETS.minSpeedRatio, 100 * TARGETS.maxMemoryRatio, ours), row('gensim', 2, 25, 100, gensim)]
    expect(statusOf(rows)).toEqual(['pass', 'pass', 'pass', 'pass', 'pass'])
  })

  it('fails every target, and the exit code, when ours could not run', () => {
    const rows: ResultRow[] = [{ status: 'unavailable', engine: 'ours', threads: 2, reason: 'exit code 2: unknown command "train"' }, row('gensim', 2, 25, 100)]
    const checks = checkTargets(rows, 2)
    expect(checks.map((c) => c.status)).toEqual(['fail', 'fail', 'fail', 'fail', 'fail'])
    expect(checks[0]!.detail).toContain('unknown command "train"')
    expect(exitCodeFor(checks)).toBe(1)
  })

  it('fails when ours ran at 2 threads but not at 1', () => {
    const rows: ResultRow[] = [row('ours', 2, 20, 100), row('gensim', 2, 25, 100), { status: 'unavailable', engine: 'ours', threads: 1, reason: 'crashed' }]
    const checks = checkTargets(rows, 2)
    expect(checks.at(-1)).toMatchObject({ status: 'fail', detail: '1 thread: crashed' })
  })

  it('fails the quality targets when a score is missing', () => {
    const rows = [row('ours', 2, 20, 100, { error: 'evaluation failed' }), row('gensim', 2, 25, 100)]
    expect(statusOf(rows)).toEqual(['pass', 'fail', 'fail', 'pass', 'pass'])
  })

  it('skips the targets when ours or gensim was left out on purpose', () => {
    expect(statusOf([row('gensim', 2, 25, 100), row('fasttext', 2, 60, 200)])).toEqual(['skip', 'skip', 'skip', 'skip'])
    expect(statusOf([row('ours', 2, 20, 100)])).toEqual(['skip', 'skip', 'skip', 'skip', 'pass'])
    expect(exitCodeFor(checkTargets([row('ours', 2, 20, 100)], 2))).toBe(0)
  })

  it('fails when gensim was asked for but is not installed: nothing to compare with', () => {
    const rows: ResultRow[] = [row('ours', 2, 20, 100), { status: 'unavailable', engine: 'gensim', threads: 2, reason: 'gensim is not installed' }]
    expect(statusOf(rows)).toEqual(['fail', 'fail', 'fail', 'fail', 'pass'])
  })
})

describe('checkTargets without WordSim scores', () => {
  it('fails the WordSim target instead of comparing nothing', () => {
    const noRho = { ...quality(0.07, 0), wordsimSpearman: null }
    const checks = checkTargets([row('ours', 2, 20, 100, noRho), row('gensim', 2, 25, 100)], 2)
    expect(checks.find((c) => c.name.startsWith('WordSim'))).toMatchObject({ status: 'fail', detail: expect.stringMatching(/no WordSim scores/) as unknown })
  })
})

describe('meanQuality', () => {
  it('averages the runs’ scores, one seed each', () => {
    const runs = [quality(0.07, 0.36), quality(0.08, 0.38), quality(0.075, 0.37)]
    const mean = meanQuality(runs)
    expect('error' in mean).toBe(false)
    expect((mean as Quality).analogyAccuracy).toBeCloseTo(0.075, 12)
    expect((mean as Quality).wordsimSpearman).toBeCloseTo(0.37, 12)
  })

  it('has no WordSim figures when a run was scored without a WordSim file (the scale tier)', () => {
    const unscored = { ...quality(0.3, 0), wordsimSpearman: null, wordsimPearson: null, wordsimOovPercent: null }
    const mean = meanQuality([unscored, { ...unscored, analogyAccuracy: 0.4 }]) as Quality
    expect(mean.analogyAccuracy).toBeCloseTo(0.35, 12)
    expect(mean).toMatchObject({ wordsimSpearman: null, wordsimPearson: null, wordsimOovPercent: null })
    expect((meanQuality([unscored, quality(0.3, 0.4)]) as Quality).wordsimSpearman).toBeNull()
  })

  it('is an error when any run could not be scored', () => {
    expect(meanQuality([quality(0.07, 0.36), { error: 'evaluation failed' }])).toEqual({ error: 'evaluation failed' })
  })
})

describe('analogyDifferenceStdError', () => {
  it('is √(s²_a/n_a + s²_b/n_b) in points, from each engine’s spread over its seeds', () => {
    // a: 7, 8 (points) → s² = 0.5, n = 2; b: 6, 7, 8 → s² = 1, n = 3.
    const a = [quality(0.07, 0.3), quality(0.08, 0.3)]
    const b = [quality(0.06, 0.3), quality(0.07, 0.3), quality(0.08, 0.3)]
    expect(analogyDifferenceStdError(a, b)).toBeCloseTo(Math.sqrt(0.5 / 2 + 1 / 3), 9)
  })

  it('is null with a single run, whose spread is unknown', () => {
    expect(analogyDifferenceStdError([quality(0.07, 0.3)], [quality(0.06, 0.3), quality(0.07, 0.3)])).toBeNull()
  })

  it('is printed beside the analogy difference', () => {
    const ours = { ...row('ours', 2, 20, 100), qualityRuns: [quality(0.07, 0.3), quality(0.08, 0.3)] }
    const gensim = { ...row('gensim', 2, 25, 100), qualityRuns: [quality(0.06, 0.3), quality(0.07, 0.3), quality(0.08, 0.3)] }
    const analogy = checkTargets([ours, gensim], 2).find((c) => c.name.startsWith('analogy'))!
    expect(analogy.detail).toMatch(/standard error 0\.76 over 2 and 3 seeds/)
  })
})
