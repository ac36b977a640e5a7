/**
 * The gradient check: the course's dummy problem, and a minibatch of the loaded corpus with the
 * run's current parameters when there is a run. One request; the rows come back ready to show.
 */
import type { TrainerResult } from '@contract/trainerResults'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { requestTrainer } from '../composables/trainerClient'

export type GradientCheckResult = TrainerResult<'gradientCheck'>

export const useGradientCheckStore = defineStore('gradientCheck', () => {
  const running = ref(false)
  const result = ref<GradientCheckResult | null>(null)
  const error = ref<string | null>(null)

  async function run(): Promise<void> {
    if (running.value) return
    running.value = true
    error.value = null
    const outcome = await requestTrainer({ type: 'gradientCheck' })
    running.value = false
    if (outcome.ok) result.value = outcome.value
    else error.value = outcome.error.message
  }

  return { running, result, error, run }
})
