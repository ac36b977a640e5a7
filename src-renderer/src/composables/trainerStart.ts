/**
 * The window can open before the trainer has finished starting; a request sent in that moment
 * is refused as "not running". This waits for the app to say the trainer started.
 */
import { w2v } from './w2vApi'

export function trainerStarted(timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const off = w2v().onAppEvent((event) => {
      if (event.type !== 'trainerStarted') return
      clearTimeout(timer)
      off()
      resolve(true)
    })
    const timer = setTimeout(() => {
      off()
      resolve(false)
    }, timeoutMs)
  })
}
