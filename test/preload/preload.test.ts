import { MessageChannel, type MessagePort } from 'node:worker_threads'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { APP_EVENT_CHANNEL, APP_INVOKE, DROPPED_FILE_CHANNEL, TRAINER_PORT_CHANNEL, channelName, type AppEvent } from '../../src-main/core/contract/appProtocol'
import type { W2vApi } from '../../src-main/core/contract/preloadApi'
import type { ProgressBatch, TrainerEvent } from '../../src-main/core/contract/trainerProtocol'

type IpcListener = (event: { ports: unknown[] }, message: unknown) => void

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  listeners: new Map<string, (event: { ports: unknown[] }, message: unknown) => void>(),
  invoke: vi.fn<(channel: string, args: unknown) => Promise<unknown>>(),
  sentSync: [] as { channel: string; message: unknown }[],
}))

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api) },
  ipcRenderer: {
    invoke: (channel: string, args: unknown) => electron.invoke(channel, args),
    on: (channel: string, listener: IpcListener) => electron.listeners.set(channel, listener),
    sendSync: (channel: string, message: unknown) => void electron.sentSync.push({ channel, message }),
  },
  webUtils: {
    getPathForFile: (file: { realPath?: string }) => {
      if (file.realPath === undefined) throw new TypeError('Argument must be a File')
      return file.realPath
    },
  },
}))

let api: W2vApi
beforeAll(async () => {
  await import('../../src-main/preload/index')
  api = electron.exposed.get('w2v') as W2vApi
})
afterEach(() => {
  electron.invoke.mockReset()
  vi.restoreAllMocks()
})

const ipc = (channel: string): IpcListener => electron.listeners.get(channel)!

const progress = (seq: number): ProgressBatch => ({
  type: 'progress', seq, runId: 'run', schedule: 'word2vec', x: [seq], loss: [1], smoothedLoss: [null], alpha: [0.025], t: [0.1],
  fraction: 0.1, epoch: 1, wordsPerSec: 100, iterationsPerSec: null, etaSeconds: 9, boundaries: [],
})

/** The next message that arrives on `port`. */
const nextMessage = (port: MessagePort) => new Promise<unknown>((resolve) => port.once('message', resolve))

describe('the preload API', () => {
  it('exposes exactly the W2vApi as window.w2v', () => {
    expect([...electron.exposed.keys()]).toEqual(['w2v'])
    const expected = [...Object.keys(APP_INVOKE), 'runtime', 'onTrainerEvent', 'onAppEvent', 'pathForFile'].sort()
    expect(Object.keys(api).sort()).toEqual(expected)
    expect(api.runtime).toMatchObject({ node: process.versions.node, platform: process.platform })
  })

  it('invokes the channel and returns the checked answer', async () => {
    electron.invoke.mockResolvedValue({ ok: true, value: { restoredFrom: '/data/a.w2vckpt' } })
    expect(await api.restartTrainer({ fromCheckpoint: true })).toEqual({ ok: true, value: { restoredFrom: '/data/a.w2vckpt' } })
    expect(electron.invoke).toHaveBeenCalledWith(channelName('restartTrainer'), { fromCheckpoint: true })
  })

  it('passes an error answer through', async () => {
    electron.invoke.mockResolvedValue({ ok: false, error: { kind: 'notAllowed', message: 'No.' } })
    expect(await api.openExternal({ url: 'https://example.com/' })).toEqual({ ok: false, error: { kind: 'notAllowed', message: 'No.' } })
  })

  it('turns a malformed answer or a failed invoke into an internal error instead of throwing', async () => {
    electron.invoke.mockResolvedValueOnce({ ok: true, value: { restoredFrom: 3 } })
    expect(await api.restartTrainer({ fromCheckpoint: false })).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringMatching(/Invalid “restartTrainer” answer at "restoredFrom"/) } })
    electron.invoke.mockResolvedValueOnce(undefined)
    expect(await api.getSettings({})).toEqual({ ok: false, error: { kind: 'internal', message: 'The app answered the “getSettings” request with something that is not an answer.' } })
    electron.invoke.mockRejectedValueOnce(new Error("No handler registered for 'w2v:getSettings'"))
    expect(await api.getSettings({})).toEqual({ ok: false, error: { kind: 'internal', message: "The app did not answer the “getSettings” request: No handler registered for 'w2v:getSettings'." } })
  })

  it('delivers valid app events, drops invalid ones, and unsubscribes', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const received: AppEvent[] = []
    const unsubscribe = api.onAppEvent((event) => received.push(event))
    ipc(APP_EVENT_CHANNEL)({ ports: [] }, { type: 'menuCommand', command: 'train' })
    ipc(APP_EVENT_CHANNEL)({ ports: [] }, { type: 'menuCommand', command: 'format-disk' })
    unsubscribe()
    ipc(APP_EVENT_CHANNEL)({ ports: [] }, { type: 'menuCommand', command: 'stop' })
    expect(received).toEqual([{ type: 'menuCommand', command: 'train' }])
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Dropped an app event\. Invalid app event at "command"/))
  })

  it('streams trainer events from the port, acks each progress batch on it, and drops invalid events', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const received: TrainerEvent[] = []
    const unsubscribe = api.onTrainerEvent((event) => received.push(event))
    const { port1: trainerSide, port2: windowSide } = new MessageChannel()
    try {
      ipc(TRAINER_PORT_CHANNEL)({ ports: [windowSide] }, null)
      trainerSide.postMessage({ type: 'progress', seq: 'x' })
      trainerSide.postMessage({ type: 'state', version: 1, state: 'training', phase: 'training', fraction: null, run: null })
      trainerSide.postMessage(progress(4))
      expect(await nextMessage(trainerSide)).toEqual({ type: 'ack', seq: 4 })
      expect(received).toEqual([{ type: 'state', version: 1, state: 'training', phase: 'training', fraction: null, run: null }, progress(4)])
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^Dropped a trainer event\. Invalid trainer event/))
    } finally {
      unsubscribe()
      trainerSide.close()
    }
  })

  it('keeps listeners across a new port after a trainer restart, and closes the old port', async () => {
    const received: TrainerEvent[] = []
    const unsubscribe = api.onTrainerEvent((event) => received.push(event))
    const first = new MessageChannel()
    const second = new MessageChannel()
    try {
      ipc(TRAINER_PORT_CHANNEL)({ ports: [first.port2] }, null)
      const firstClosed = new Promise((resolve) => first.port1.once('close', resolve))
      ipc(TRAINER_PORT_CHANNEL)({ ports: [second.port2] }, null)
      await firstClosed
      second.port1.postMessage(progress(1))
      expect(await nextMessage(second.port1)).toEqual({ type: 'ack', seq: 1 })
      expect(received).toEqual([progress(1)])
    } finally {
      unsubscribe()
      second.port1.close()
    }
  })

  it('acks even when a listener throws', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const unsubscribe = api.onTrainerEvent(() => {
      throw new Error('chart broke')
    })
    const { port1, port2 } = new MessageChannel()
    try {
      ipc(TRAINER_PORT_CHANNEL)({ ports: [port2] }, null)
      port1.postMessage(progress(9))
      expect(await nextMessage(port1)).toEqual({ type: 'ack', seq: 9 })
    } finally {
      unsubscribe()
      port1.close()
    }
  })

  it('delivers events main relays without a port, and acks their progress through main', async () => {
    electron.invoke.mockResolvedValue({ ok: true, value: { ok: true } })
    const received: TrainerEvent[] = []
    const unsubscribe = api.onTrainerEvent((event) => received.push(event))
    ipc(TRAINER_PORT_CHANNEL)({ ports: [] }, progress(2))
    unsubscribe()
    expect(received).toEqual([progress(2)])
    expect(electron.invoke).toHaveBeenCalledWith(channelName('trainerRequest'), { type: 'ack', seq: 2 })
  })

  it('gives the path of a dropped file, and "" for anything that is not one', () => {
    expect(api.pathForFile({ name: 'moby.txt', size: 3, realPath: '/books/moby.txt' } as never)).toBe('/books/moby.txt')
    expect(api.pathForFile({ name: 'pasted.txt', size: 3 })).toBe('')
  })

  it('tells main, before answering, which file was dropped, so the window may then read it', () => {
    electron.sentSync.length = 0
    api.pathForFile({ name: 'moby.txt', size: 3, realPath: '/books/moby.txt' } as never)
    api.pathForFile({ name: 'pasted.txt', size: 3 })
    expect(electron.sentSync).toEqual([{ channel: DROPPED_FILE_CHANNEL, message: '/books/moby.txt' }])
  })
})
