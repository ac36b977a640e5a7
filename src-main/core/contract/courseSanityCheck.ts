/**
 * The check run.py ends with: "sanity check: cost at convergence should be around or below 10",
 * read against the course's exploss (the 0.95/0.05 moving average sgd.py prints). Shown beside a
 * course run's final exploss in the window and in `w2v train`'s summary.
 */
import type { ScheduleSettings } from '../settings/trainingSettings'

/** run.py's bound on the converged cost. */
export const COURSE_CONVERGED_COST = 10

/**
 * Whether run.py's bound speaks of a run: the course's schedule training what run.py trains,
 * skip-gram with negative sampling. Its 10 is a cost of that loss; naive and hierarchical
 * softmax, or CBOW, converge to other costs, so the check would judge them by the wrong number.
 */
export function courseSanityCheckApplies(settings: ScheduleSettings): boolean {
  return settings.schedule === 'cs224n' && settings.config.model === 'skipgram' && settings.config.loss === 'negSampling'
}

/** What the course's check says of a final exploss: met when it is at most 10 ("around" is the reader's call). */
export function courseSanityCheck(expLoss: number): { readonly met: boolean; readonly sentence: string } {
  const met = expLoss <= COURSE_CONVERGED_COST
  return {
    met,
    sentence: met
      ? `at or below ${COURSE_CONVERGED_COST}, as run.py's sanity check asks`
      : `above ${COURSE_CONVERGED_COST}; run.py's sanity check expects about ${COURSE_CONVERGED_COST} or below at convergence`,
  }
}
