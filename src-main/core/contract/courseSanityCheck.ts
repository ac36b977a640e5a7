/**
 * The check run.py ends with: "sanity check: cost at convergence should be around or below 10",
 * read against the course's exploss (the 0.95/0.05 moving average sgd.py prints). Shown beside a
 * course run's final exploss in the window and in `w2v train`'s summary.
 */

/** run.py's bound on the converged cost. */
export const COURSE_CONVERGED_COST = 10

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
