/**
 * The gradient check as one job: the course's problems (core `runGradientChecks`, seconds of
 * float64 work) and, when a run exists, a minibatch of its corpus with its current parameters.
 * The job runs on a worker thread so the trainer keeps answering (acks, pause, progress)
 * meanwhile; where no worker can start it runs here instead, which only costs that pause.
 */
import { Worker } from 'node:worker_threads'
import type { GradientCheckRow } from '../core/contract/trainerResults'
import { type CorpusMinibatch, checkCorpusMinibatch } from '../core/corpusGradientCheck'
import type { GradcheckResult } from '../core/gradcheck'
import { type GradientCheck, runGradientChecks } from '../core/gradientChecks'
import { log } from './trainerErrors'

export interface GradientCheckJob {
  readonly seed: number
  readonly minibatch: CorpusMinibatch | null
}

export interface GradientCheckOutcome {
  readonly checks: readonly GradientCheck[]
}

export type GradientCheckRunner = (job: GradientCheckJob) => Promise<GradientCheckOutcome>

/** workerData.role of a trainer entry started as the gradient-check worker. */
export const GRADIENT_CHECK_ROLE = 'gradientCheck'

export function runGradientCheckJob(job: GradientCheckJob): GradientCheckOutcome {
  const course = runGradientChecks(job.seed).checks
  return { checks: job.minibatch ? [...course, ...checkCorpusMinibatch(job.minibatch)] : course }
}

/** Runs jobs on a worker started from `entry` (the trainer's own bundle); in this thread if that fails. */
export function workerGradientCheckRunner(entry: URL): GradientCheckRunner {
  return (job) => new Promise((resolve) => {
    let settled = false
    const fallback = (reason: unknown): void => {
      if (settled) return
      settled = true
      log('The gradient check runs on the trainer thread: no worker could run it.', reason)
      resolve(runGradientCheckJob(job))
    }
    let worker: Worker
    try {
      worker = new Worker(entry, { workerData: { role: GRADIENT_CHECK_ROLE, job } })
    } catch (error) {
      fallback(error)
      return
    }
    worker.once('message', (outcome: GradientCheckOutcome) => {
      settled = true
      resolve(outcome)
      void worker.terminate()
    })
    worker.once('error', fallback)
    worker.once('exit', (code) => fallback(new Error(`the worker exited with code ${code}`)))
  })
}

function row(check: GradientCheck): GradientCheckRow {
  const r: GradcheckResult = check.result
  return {
    name: check.name, problem: check.problem, passed: r.passed, maxRelError: r.maxRelError, threshold: r.threshold, loss: r.loss,
    parameters: r.parameters.map((p) => ({
      name: p.name, count: p.count, maxRelError: p.maxRelError, threshold: p.threshold, passed: p.passed,
      worst: p.worst.map((c) => ({ index: c.index, row: c.row, col: c.col, analytic: c.analytic, numerical: c.numerical, relError: c.relError })),
    })),
  }
}

/** The checks as the protocol's rows (exactly its fields, nothing more). */
export function gradientCheckRows(outcome: GradientCheckOutcome): GradientCheckRow[] {
  return outcome.checks.map(row)
}
