/**
 * Binds the AppService to ipcMain: one handler per APP_INVOKE channel. Each first checks that
 * the request comes from the top frame of the app's own window showing the app's own page
 * (not an iframe, not a page that got loaded some other way), then lets the service parse the
 * arguments with the contract's schema. The answer is always `{ ok, value | error }`.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron'
import { APP_INVOKE, channelName, type AppChannel, type AppResponse } from '../core/contract/appProtocol'
import type { AppService } from '../node/services/appService'
import type { Logger } from '../node/services/logger'
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
