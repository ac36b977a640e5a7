/**
 * One app instance at a time: a second launch (a file opened from the file manager or dropped
 * on the taskbar icon starts one on Windows and Linux) hands its command line to the first
 * and quits; the first focuses its window and opens the files.
 */
import type { App } from 'electron'
import { filesFromCommandLine, type OpenableKind } from '../node/services/openFileArgs'

export interface SecondInstanceHandlers {
  readonly focus: () => void
  readonly openFile: (path: string, kind: OpenableKind) => void
}

/** False when another instance holds the lock (this one should quit). */
export function claimSingleInstance(app: Pick<App, 'requestSingleInstanceLock' | 'on'>, handlers: SecondInstanceHandlers): boolean {
  if (!app.requestSingleInstanceLock()) return false
  app.on('second-instance', (_event, argv, workingDirectory) => {
    handlers.focus()
    for (const file of filesFromCommandLine(argv, workingDirectory)) handlers.openFile(file.path, file.kind)
  })
  return true
}
