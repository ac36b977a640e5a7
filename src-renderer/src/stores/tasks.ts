/**
 * Progress of the long trainer requests (loading, projection, evaluation, export), by request
 * id, as the trainer's taskProgress events report it. The session marks each window request
 * sent and answered; a store that made one shows `progressOf(its id)` while it runs.
 */
import { defineStore } from 'pinia'
import { reactive } from 'vue'

export interface TaskProgress {
  readonly fraction: number
  readonly label: string
}

export const useTasksStore = defineStore('tasks', () => {
  const progress = reactive(new Map<string, TaskProgress>())

  function sent(id: string): void {
    progress.set(id, { fraction: 0, label: '' })
  }

  function settled(id: string): void {
    progress.delete(id)
  }

  /** Reports for ids nobody is waiting for (a request of another client, one already answered) are ignored. */
  function report(id: string, fraction: number, label: string): void {
    if (progress.has(id)) progress.set(id, { fraction: Math.min(1, Math.max(0, fraction)), label })
  }

  function progressOf(id: string | null): TaskProgress | null {
    return id === null ? null : (progress.get(id) ?? null)
  }

  return { progress, sent, settled, report, progressOf }
})
