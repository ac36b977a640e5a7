/**
 * Routes what the app and the trainer tell the window to the stores that own it. Connected
 * once, when the window starts; returns the function that disconnects it.
 */
import type { AppEvent } from '@contract/appProtocol'
import type { TrainerEvent } from '@contract/trainerProtocol'
import { useAppStore } from '../stores/app'
import { useErrorsStore } from '../stores/errors'
import { usePlotStore } from '../stores/plot'
import { useTasksStore } from '../stores/tasks'
import { useTrainingStore } from '../stores/training'
import { runCommand } from './commands'
import { openPaths } from './fileOpening'
import { w2v } from './w2vApi'

export function routeTrainerEvent(event: TrainerEvent): void {
  switch (event.type) {
    case 'progress': return useTrainingStore().applyProgress(event)
    case 'snapshot': return usePlotStore().applySnapshot(event)
    case 'state': return useTrainingStore().applyState(event)
    case 'taskProgress': return useTasksStore().report(event.id, event.fraction, event.label)
    case 'finished': return useTrainingStore().applyFinished(event)
    case 'checkpointSaved': return useTrainingStore().checkpointSaved(event)
    case 'warning': return useErrorsStore().notice(event.message)
    case 'error': return useErrorsStore().show(event.error.message)
    // The handshake is main's; answers to the window's requests come back through trainerRequest.
    case 'ready': case 'response': return
  }
}

export function routeAppEvent(event: AppEvent): void {
  switch (event.type) {
    case 'trainerExited': return useErrorsStore().trainerExited(event)
    case 'menuCommand': return void runCommand(event.command)
    case 'openFile': return void openPaths([event.path], event.kind)
    case 'settingsChanged': return useAppStore().applySettings(event.settings)
    case 'trainerStarted': return
  }
}

export function connectEvents(): () => void {
  const api = w2v()
  const offTrainer = api.onTrainerEvent(routeTrainerEvent)
  const offApp = api.onAppEvent(routeAppEvent)
  return () => {
    offTrainer()
    offApp()
  }
}
