/**
 * What this machine can give a run: the memory the system reports as available now (free plus
 * what it can reclaim, and within a container's limit where Node can see one). The engines check
 * their estimate against it before they allocate, so a run too big ends in a sentence, not in
 * the system killing the trainer.
 */
import { freemem } from 'node:os'
import { type MemoryEstimate, checkMemory } from '../../core/training/memoryEstimate'
import type { OptimizerKind } from '../../core/settings/trainingSettings'

export function availableMemory(): number {
  // Node 20.13 and later: cgroup-aware; earlier, the system's figure.
  const available = (process as { availableMemory?: () => number }).availableMemory
  return typeof available === 'function' ? available.call(process) : freemem()
}

/** Throws a TrainingMemoryError when the run would not fit in what is available now. */
export function ensureMemory(estimate: MemoryEstimate, optimizer: OptimizerKind | null = null): void {
  checkMemory(estimate, availableMemory(), optimizer)
}
