/**
 * Long requests (loading a corpus or a checkpoint, projections, benchmarks, export, opening
 * vectors) run as tasks: each has an AbortSignal a `cancel` request fires, and reports its
 * progress as `taskProgress` events with the request's id, at most every 50 ms (and always the
 * end), so a fast reader cannot flood the window.
 */
import type { TrainerEvent } from '../core/contract/trainerProtocol'
import type { Task } from './vectorQueries'

export class TaskRegistry {
  private readonly running = new Map<string, AbortController>()

  constructor(private readonly emit: (event: TrainerEvent) => void, private readonly everyMs = 50) {}

  async run<T>(id: string, work: (task: Task) => Promise<T>): Promise<T> {
    const controller = new AbortController()
    this.running.set(id, controller)
    let last = -Infinity
    const task: Task = {
      signal: controller.signal,
      progress: (fraction, label) => {
        const now = performance.now()
        if (now - last < this.everyMs && fraction < 1) return
        last = now
        this.emit({ type: 'taskProgress', id, fraction: Math.min(1, Math.max(0, fraction)), label })
      },
    }
    try {
      return await work(task)
    } finally {
      this.running.delete(id)
    }
  }

  /** Fires the task's signal; false when no task of that id is running. */
  cancel(id: string): boolean {
    const controller = this.running.get(id)
    controller?.abort()
    return controller !== undefined
  }
}
