/**
 * Entry of the trainer process. It grows into the full training service; for now it answers
 * gradient-check requests with the float64 core.
 */
import type { TrainerEvent, TrainerRequest } from '../core/contract/trainerMessages'
import { runGradientChecks } from '../core/index'
import { connectToParent } from './parentChannel'

const parent = connectToParent()
const post = (event: TrainerEvent): void => parent.post(event)

parent.onMessage((message) => {
  const request = message as Partial<TrainerRequest> | null
  if (request?.type === 'gradientCheck') {
    post({ type: 'gradientCheckResult', report: runGradientChecks(request.seed) })
  } else {
    post({ type: 'error', message: `The trainer does not understand the request ${JSON.stringify(message)}.` })
  }
})
post({ type: 'ready' })
