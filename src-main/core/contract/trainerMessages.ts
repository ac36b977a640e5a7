import type { GradientCheckReport } from '../gradientChecks'

/** Requests the host sends to the trainer process. */
export type TrainerRequest = { readonly type: 'gradientCheck'; readonly seed?: number }

/** What the trainer sends back. */
export type TrainerEvent =
  | { readonly type: 'ready' }
  | { readonly type: 'gradientCheckResult'; readonly report: GradientCheckReport }
  | { readonly type: 'error'; readonly message: string }
