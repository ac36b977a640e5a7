/**
 * Main → window messages that do not go through the trainer's port: app events, and trainer
 * events relayed while the window has no port to the trainer (they travel on
 * TRAINER_PORT_CHANNEL without a port). App events sent before the page has loaded (a file
 * given on the command line, the trainer's start) wait for it; relayed trainer events do not,
 * because the page asks for the state it needs once it runs.
 */
import type { WebContents } from 'electron'
import { APP_EVENT_CHANNEL, TRAINER_PORT_CHANNEL, type AppEvent } from '../core/contract/appProtocol'
import type { TrainerEvent } from '../core/contract/trainerProtocol'

/** More waiting events than this means the page is not coming; the oldest are dropped. */
const MAX_WAITING = 100

export class WindowMessenger {
  private loaded = false
  private readonly waiting: AppEvent[] = []

  constructor(private readonly contents: () => Pick<WebContents, 'send' | 'isDestroyed'> | null) {}

  get isLoaded(): boolean {
    return this.loaded
  }

  sendAppEvent(event: AppEvent): void {
    const contents = this.contents()
    if (this.loaded && contents && !contents.isDestroyed()) {
      contents.send(APP_EVENT_CHANNEL, event)
      return
    }
    this.waiting.push(event)
    if (this.waiting.length > MAX_WAITING) this.waiting.shift()
  }

  relayTrainerEvent(event: TrainerEvent): void {
    const contents = this.contents()
    if (this.loaded && contents && !contents.isDestroyed()) contents.send(TRAINER_PORT_CHANNEL, event)
  }

  /** The page has loaded (again): deliver what waited for it. */
  pageLoaded(): void {
    this.loaded = true
    for (const event of this.waiting.splice(0)) this.sendAppEvent(event)
  }

  /** The page is reloading or its renderer is gone. */
  pageGone(): void {
    this.loaded = false
  }
}
