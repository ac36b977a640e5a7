/**
 * The harness's app runs, one at a time: the first opens with the server, and a reset ends the
 * current one (its pages disconnected, its trainer stopped) and opens the next as on a first
 * start — new user-data folder, new trainer, no queued dialog answers, no recorded shell calls.
 */
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Logger } from '../../../src-main/node/services/logger'
import { type AppSession, openAppSession } from './appSession'
import { QueuedDialogs, RecordingShell } from './desktopStandIns'
import type { SocketWindows } from './socketWindows'

export class AppRuns {
  readonly dialogs = new QueuedDialogs()
  readonly shell = new RecordingShell()
  private count = 0
  /** The run requests go to; a request made during a reset waits for the new run. */
  private current: Promise<AppSession>

  private constructor(private readonly root: string, private readonly folder: string, private readonly windows: SocketWindows, private readonly log: Logger) {
    this.current = this.openRun()
  }

  /** Opens the first run; each run's user-data folder goes in `folder`. */
  static async open(root: string, folder: string, windows: SocketWindows, log: Logger): Promise<AppRuns> {
    const runs = new AppRuns(root, folder, windows, log)
    await runs.current
    return runs
  }

  get run(): Promise<AppSession> {
    return this.current
  }

  reset(): Promise<AppSession> {
    // A reset that failed leaves no run behind; the next one starts afresh.
    this.current = this.current.catch(() => null).then(async (previous) => {
      this.windows.closeAll()
      this.dialogs.clear()
      this.shell.clear()
      if (previous) await endRun(previous)
      const next = await this.openRun()
      // The next page should find the trainer running, as it would after a first start.
      await next.started
      return next
    })
    return this.current
  }

  async close(): Promise<void> {
    const run = await this.current.catch(() => null)
    if (run) await endRun(run)
  }

  private async openRun(): Promise<AppSession> {
    const userData = join(this.folder, `user-data-${++this.count}`)
    await mkdir(userData, { recursive: true })
    return openAppSession({ root: this.root, userData, dialogs: this.dialogs, shell: this.shell, windows: this.windows, log: this.log })
  }
}

/** A trainer still starting is let finish first, so it is not killed halfway through its handshake. */
async function endRun(run: AppSession): Promise<void> {
  await run.started
  await run.training.shutdown(3000)
}
