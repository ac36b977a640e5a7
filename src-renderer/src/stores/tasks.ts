/**
 * Progress of the long trainer requests (loading, projection, evaluation, export), by request
 * id, as the trainer's taskProgress events report it. A store starts tracking an id before it
 * sends the request and shows `progressOf(id)` while it runs.
 */
import { defineStore } from 'pinia'
import { reactive } from 'vue'
import type { Outcome } from '../composables/trainerClient'

export interface TaskProgress {
  readonly fraction: number
  readonly label: string
}

export const useTasksStore = defineStore('tasks', () => {
  const progress = reactive(new Map<string, TaskProgress>())

  /** Reports for ids nobody tracks (a request of another client, one already answered) are ignored. */
  function report(id: string, fraction: number, label: string): void {
    if (progress.has(id)) progress.set(id, { fraction: Math.min(1, Math.max(0, fraction)), label })
  }

  async function track<T>(id: string, request: Promise<Outcome<T>>): Promise<Outcome<T>> {
    progress.set(id, { fraction: 0, label: '' })
    try {
      return await request
    } finally {
      progress.delete(id)
    }
  }

  function progressOf(id: string | null): TaskProgress | null {
    return id === null ? null : (progress.get(id) ?? null)
  }

  return { progress, report, track, progressOf }
})
