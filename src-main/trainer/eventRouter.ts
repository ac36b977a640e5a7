/**
 * Which link an event leaves on. Once the window's port is connected, the high-rate events
 * (progress, snapshots, task progress) stream to it alone, bypassing the main process; the
 * low-rate ones (state, finished, checkpointSaved, warning, error) go to both, because the
 * main process needs them too (the checkpoint to offer after a crash, say).
 */
import type { TrainerEvent } from '../core/contract/trainerProtocol'
import type { MessageLink } from './parentChannel'
import { log } from './trainerErrors'

const HIGH_RATE: ReadonlySet<TrainerEvent['type']> = new Set(['progress', 'snapshot', 'taskProgress'])

/** Posting to a port the window has just closed must not take the trainer down. */
export function safePost(link: MessageLink, message: unknown): void {
  try {
    link.post(message)
  } catch (error) {
    log('A message could not be posted:', error)
  }
}

export class EventRouter {
  private port: MessageLink | null = null

  constructor(private readonly parent: MessageLink) {}

  connect(port: MessageLink): void {
    this.port = port
  }

  /** Back to the parent alone (the port closed); a later port replaces it. */
  disconnect(port: MessageLink): void {
    if (this.port === port) this.port = null
  }

  emit(event: TrainerEvent): void {
    if (HIGH_RATE.has(event.type)) {
      safePost(this.port ?? this.parent, event)
      return
    }
    safePost(this.parent, event)
    if (this.port) safePost(this.port, event)
  }
}
