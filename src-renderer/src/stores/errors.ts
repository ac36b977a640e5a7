/**
 * What went wrong, where the whole window can see it: one global message (the latest), the
 * trainer's warnings, and a crashed trainer with the offer to restart it (the session's flow).
 */
import type { AppEvent } from '@contract/appProtocol'
import { defineStore } from 'pinia'
import { ref } from 'vue'

export type TrainerCrash = Omit<Extract<AppEvent, { type: 'trainerExited' }>, 'type'>

export const useErrorsStore = defineStore('errors', () => {
  const message = ref<string | null>(null)
  const notices = ref<string[]>([])
  const crash = ref<TrainerCrash | null>(null)
  /** A new trainer is starting in place of the crashed one. */
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
  }

  function restartBegan(): void {
    restarting.value = true
  }

  /** `recovered`: the new trainer runs, so the crash is over; else it stays on offer. */
  function restartEnded(recovered: boolean): void {
    restarting.value = false
    if (recovered) crash.value = null
  }

  return { message, notices, crash, restarting, show, dismiss, notice, dismissNotice, trainerExited, restartBegan, restartEnded }
})
