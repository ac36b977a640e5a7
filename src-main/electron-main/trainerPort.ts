/**
 * Gives the window a direct line to the trainer: one MessageChannelMain, one port to the
 * trainer (`connectPort`) and the other to the window, so progress streams trainer → window
 * without passing through main. Done again whenever either side is new (a trainer restart, a
 * page reload); each side drops its old port when it gets a new one.
 */
import { MessageChannelMain, type WebContents } from 'electron'
import { TRAINER_PORT_CHANNEL } from '../core/contract/appProtocol'
import type { TrainerHost } from '../node/services/trainerHost'

export function connectTrainerToWindow(host: Pick<TrainerHost, 'connectPort'>, contents: Pick<WebContents, 'postMessage'>): boolean {
  const { port1, port2 } = new MessageChannelMain()
  if (!host.connectPort(port1)) {
    port1.close()
    port2.close()
    return false
  }
  contents.postMessage(TRAINER_PORT_CHANNEL, null, [port2])
  return true
}
