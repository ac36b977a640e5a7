/**
 * Binds the AppService to ipcMain: one handler per APP_INVOKE channel. Each first checks that
 * the request comes from the top frame of the app's own window showing the app's own page
 * (not an iframe, not a page that got loaded some other way), then lets the service parse the
 * arguments with the contract's schema. The answer is always `{ ok, value | error }`.
 */
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron'
import { APP_INVOKE, DROPPED_FILE_CHANNEL, channelName, type AppChannel, type AppResponse } from '../core/contract/appProtocol'
import type { AppService } from '../node/services/appService'
import type { Logger } from '../node/services/logger'
import type { PathGrants } from '../node/services/pathGrants'
import { isAppPage } from './security'

export interface TrustedPage {
  /** The main window's contents, or null while there is no window. */
  readonly contents: () => WebContents | null
  readonly pageUrl: string
}

export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>, page: TrustedPage): boolean {
  const frame = event.senderFrame
  const contents = page.contents()
  return frame !== null && contents !== null && event.sender === contents && frame.parent === null && isAppPage(frame.url, page.pageUrl)
}

const REFUSED: AppResponse<AppChannel> = {
  ok: false,
  error: { kind: 'notAllowed', message: "The request did not come from the app's own window, so it was refused." },
}

/** Registers the handlers; the returned function removes them. */
export function bindAppService(ipc: Pick<IpcMain, 'handle' | 'removeHandler'>, service: Pick<AppService, 'invoke'>, page: TrustedPage, log: Logger): () => void {
  const channels = Object.keys(APP_INVOKE) as AppChannel[]
  for (const channel of channels) {
    ipc.handle(channelName(channel), async (event, args: unknown) => {
      if (!isTrustedSender(event, page)) {
        log.warn(`Refused a “${channel}” request from ${event.senderFrame?.url ?? 'a frame that is gone'}.`)
        return REFUSED
      }
      return service.invoke(channel, args)
    })
  }
  return () => {
    for (const channel of channels) ipc.removeHandler(channelName(channel))
  }
}

/**
 * The preload reports each dropped file's path (from webUtils, which only real dropped or picked
 * files have) so the window's requests may read it. Same sender check as every request.
 */
export function bindDroppedFiles(ipc: Pick<IpcMain, 'on' | 'removeListener'>, paths: Pick<PathGrants, 'grantRead'>, page: TrustedPage, log: Logger): () => void {
  const listener = (event: IpcMainEvent, path: unknown): void => {
    const trusted = isTrustedSender(event, page)
    if (trusted && typeof path === 'string' && path.length > 0) paths.grantRead([path])
    else log.warn(`Ignored a dropped-file report from ${trusted ? 'the window that names no file' : event.senderFrame?.url ?? 'a frame that is gone'}.`)
    event.returnValue = null
  }
  ipc.on(DROPPED_FILE_CHANNEL, listener)
  return () => void ipc.removeListener(DROPPED_FILE_CHANNEL, listener)
}
