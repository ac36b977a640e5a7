/** One sentence saying how the trainer process ended, for the window's notice after a crash. */
import type { TrainerProcessExit } from './trainerProcess'

export function describeTrainerExit(exit: TrainerProcessExit): string {
  if (exit.fatalError) return `The trainer stopped after a fatal error (${exit.fatalError}); running out of memory is the usual cause.`
  if (exit.signal === 'SIGKILL') return 'The trainer was killed (SIGKILL), most likely because the system ran out of memory.'
  if (exit.signal) return `The trainer was stopped by the signal ${exit.signal}.`
  if (exit.code === 0) return 'The trainer quit unexpectedly.'
  if (exit.code !== null) return `The trainer stopped unexpectedly with exit code ${exit.code}.`
  return 'The trainer stopped unexpectedly.'
}
