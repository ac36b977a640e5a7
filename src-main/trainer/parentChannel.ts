/**
 * The trainer's one link to whoever started it, the same under Electron's utilityProcess
 * (`process.parentPort`, messages wrapped as `{ data }`) and under plain Node's
 * `child_process.fork` (`process.send` / `'message'`), so the entry runs unchanged in tests.
 */
export interface ParentChannel {
  post(message: unknown): void
  onMessage(listener: (message: unknown) => void): void
}

interface ElectronParentPort {
  postMessage(message: unknown): void
  on(event: 'message', listener: (event: { data: unknown }) => void): void
}

export function connectToParent(): ParentChannel {
  const parentPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort
  if (parentPort) {
    return {
      post: (message) => parentPort.postMessage(message),
      onMessage: (listener) => parentPort.on('message', (event) => listener(event.data)),
    }
  }
  const send = process.send?.bind(process)
  if (!send) throw new Error('The trainer must be started by the app (utility process) or forked with an IPC channel.')
  return {
    post: (message) => void send(message),
    onMessage: (listener) => process.on('message', listener),
  }
}
