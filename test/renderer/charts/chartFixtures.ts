/** Data shaped as the stores hand it to the charts. */
import type { GradientCheckRow } from '@contract/trainerResults'
import type { LossRun } from '../../../src-renderer/src/charts/chartTypes'

export function checkRow(name: string, problem: string, blocks: [string, number, number][]): GradientCheckRow {
  const parameters = blocks.map(([block, maxRelError, threshold]) => ({ name: block, count: 30, maxRelError, threshold, passed: maxRelError <= threshold, worst: [] }))
  return {
    name, problem, loss: 1.5,
    passed: parameters.every((p) => p.passed),
    maxRelError: Math.max(...parameters.map((p) => p.maxRelError)),
    threshold: parameters[0]?.threshold ?? 1e-5,
    parameters,
  }
}

/** A falling loss curve of `points` points, `wordsPerPoint` apart, one second per 1000 words. */
export function lossRun(runId: string, points: number, options: Partial<LossRun> & { wordsPerPoint?: number } = {}): LossRun {
  const step = options.wordsPerPoint ?? 1000
  const x = Array.from({ length: points }, (_, i) => (i + 1) * step)
  return {
    runId,
    label: `Run ${runId}`,
    schedule: 'word2vec',
    visible: true,
    x,
    loss: x.map((w, i) => 3 + 2 / (1 + w / 5e4) + 0.3 * Math.sin(i * 1.7)),
    alpha: x.map((w) => 0.025 * (1 - w / (points * step + 1))),
    t: x.map((w) => w / 1000),
    boundaries: [],
    ...options,
  }
}
