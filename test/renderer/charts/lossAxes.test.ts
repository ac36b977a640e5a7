import { describe, expect, it } from 'vitest'
import type { LossRun } from '../../../src-renderer/src/charts/chartTypes'
import { boundaryLabel, boundaryPositions, formatCompact, formatSeconds, formatX, progressToTime, xAxisName, xValues } from '../../../src-renderer/src/charts/lossAxes'
import { logSafe, logSafeSeries } from '../../../src-renderer/src/charts/logScale'

const run: LossRun = {
  runId: 'r1', label: 'Run 1', schedule: 'word2vec', visible: true,
  x: [0, 1000, 2000, 4000], loss: [5, 4, 3, 2], alpha: [0.025, 0.02, 0.015, 0.01], t: [0, 1, 2, 3],
  boundaries: [1500, 3000, 9000],
}

describe('loss chart x axis', () => {
  it('picks progress or seconds', () => {
    expect(xValues(run, 'progress')).toBe(run.x)
    expect(xValues(run, 'time')).toBe(run.t)
  })

  it('names the axis by schedule, both units when runs of both schedules are overlaid', () => {
    expect(xAxisName('progress', ['word2vec', 'word2vec'])).toBe('words')
    expect(xAxisName('progress', ['cs224n'])).toBe('iterations')
    expect(xAxisName('progress', ['cs224n', 'word2vec'])).toBe('iterations / words')
    expect(xAxisName('time', ['cs224n'])).toBe('training time')
  })

  it('formats counts compactly and seconds as clock time', () => {
    expect(formatCompact(0)).toBe('0')
    expect(formatCompact(950)).toBe('950')
    expect(formatCompact(1500)).toBe('1.5k')
    expect(formatCompact(1_234_567)).toBe('1.23M')
    expect(formatCompact(17_000_000_000)).toBe('17G')
    expect(formatSeconds(9.5)).toBe('9.5 s')
    expect(formatSeconds(75)).toBe('1:15')
    expect(formatSeconds(4000)).toBe('1:06:40')
    expect(formatX(2_000_000, 'progress')).toBe('2M')
    expect(formatX(61, 'time')).toBe('1:01')
  })

  it('maps progress to training seconds by interpolating between points', () => {
    expect(progressToTime(1500, run.x, run.t)).toBeCloseTo(1.5)
    expect(progressToTime(3000, run.x, run.t)).toBeCloseTo(2.5)
    expect(progressToTime(4000, run.x, run.t)).toBe(3)
    expect(progressToTime(-5, run.x, run.t)).toBe(0)
    expect(progressToTime(4001, run.x, run.t)).toBeNull()
    expect(progressToTime(1, [], [])).toBeNull()
  })

  it('places boundaries on either axis, leaving out those the time axis cannot place yet', () => {
    expect(boundaryPositions(run, 'progress')).toEqual([1500, 3000, 9000])
    const seconds = boundaryPositions(run, 'time')
    expect(seconds).toHaveLength(2)
    expect(seconds[0]).toBeCloseTo(1.5)
    expect(seconds[1]).toBeCloseTo(2.5)
    expect(boundaryLabel('word2vec')).toBe('epoch')
    expect(boundaryLabel('cs224n')).toBe('anneal')
  })
})

describe('log-scale safety', () => {
  it('drops non-positive values only on a log axis', () => {
    expect(logSafe(0, true)).toBeNaN()
    expect(logSafe(-1, true)).toBeNaN()
    expect(logSafe(0.5, true)).toBe(0.5)
    expect(logSafe(0, false)).toBe(0)
  })

  it('returns the same array when nothing is dropped, a cleaned copy otherwise', () => {
    const positive = [3, 2, 1]
    expect(logSafeSeries(positive, true)).toBe(positive)
    const withZero = [3, 0, 1]
    expect(logSafeSeries(withZero, false)).toBe(withZero)
    const cleaned = Array.from(logSafeSeries(withZero, true))
    expect(cleaned[0]).toBe(3)
    expect(cleaned[1]).toBeNaN()
    expect(withZero[1]).toBe(0)
  })
})
