/**
 * What went wrong, where the whole window can see it: one global message (the latest), the
 * trainer's warnings, and a crashed trainer with the offer to restart it. A restart loses
 * nothing the window holds: it restores the last checkpoint when there is one, else it loads
 * the current corpus into the new trainer.
 */
import type { AppEvent } from '@contract/appProtocol'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { w2v } from '../composables/w2vApi'
import { useCorpusStore } from './corpus'
import { usePlotStore } from './plot'
import { useTrainingStore } from './training'

export type TrainerCrash = Omit<Extract<AppEvent, { type: 'trainerExited' }>, 'type'>

export const useErrorsStore = defineStore('errors', () => {
  const message = ref<string | null>(null)
  const notices = ref<string[]>([])
  const crash = ref<TrainerCrash | null>(null)
  const restarting = ref(false)

  function show(text: string): void {
    message.value = text
  }

  function dismiss(): void {
    message.value = null
  }

  /** A warning worth reading but not alarming (slow naive softmax, threads unavailable); repeats are shown once. */
  function notice(text: string): void {
    if (!notices.value.includes(text)) notices.value.push(text)
  }

  function dismissNotice(text: string): void {
    notices.value = notices.value.filter((n) => n !== text)
  }

  function trainerExited(event: TrainerCrash): void {
    crash.value = { code: event.code, reason: event.reason, checkpointPath: event.checkpointPath }
    useTrainingStore().trainerLost()
  }

  async function restart(): Promise<void> {
    const lost = crash.value
    if (!lost || restarting.value) return
    restarting.value = true
    try {
      const training = useTrainingStore()
      const fromCheckpoint = lost.checkpointPath !== null
      if (fromCheckpoint) training.continueAfterRestore()
      const response = await w2v().restartTrainer({ fromCheckpoint })
      if (!response.ok) {
        show(response.error.message)
        return
      }
      crash.value = null
      if (response.value.restoredFrom === null) {
        training.forgetRestore()
        await useCorpusStore().reload()
      } else {
        await usePlotStore().resendWords()
      }
    } finally {
      restarting.value = false
    }
  }

  return { message, notices, crash, restarting, show, dismiss, notice, dismissNotice, trainerExited, restart }
})
