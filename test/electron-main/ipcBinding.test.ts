import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { APP_INVOKE, DEFAULT_SETTINGS, DROPPED_FILE_CHANNEL, channelName } from '../../src-main/core/contract/appProtocol'
import { bindAppService, bindDroppedFiles } from '../../src-main/electron-main/ipcBinding'
import { AppService } from '../../src-main/node/services/appService'
import { PathGrants } from '../../src-main/node/services/pathGrants'
import { RecentFiles } from '../../src-main/node/services/recentFiles'
import { SettingsStore } from '../../src-main/node/services/settingsStore'
import { memoryLogger } from '../services/fakeTrainer'
import { FakeWebContents, fakeIpcMain, type FakeFrame } from './fakeElectron'

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron)

const PAGE = 'file:///app/out/renderer/index.html'
let folder: string
let contents: FakeWebContents
let unbind: () => void
let paths: PathGrants
let forward: ReturnType<typeof vi.fn>
const log = memoryLogger()

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'w2v-ipc-'))
  const settings = new SettingsStore(folder, memoryLogger())
  await settings.load()
  paths = new PathGrants()
  forward = vi.fn(async () => ({ ok: false, error: { kind: 'corpus', message: 'unreadable' } }))
  const service = new AppService({
    dialogs: { openCorpus: async () => [], openVectors: async () => null, openBenchmark: async () => null, exportTarget: async () => null, figureTarget: async () => null, confirmCheckpointCorpus: async () => false },
    shell: { openExternal: async () => undefined, showItemInFolder: () => undefined },
    builtInCorpusPath: () => null,
    training: { forward, post: vi.fn(), restart: vi.fn(), configureAutosave: vi.fn() } as never,
    settings,
    recentFiles: new RecentFiles(folder, memoryLogger()),
    paths,
    appInfo: async () => ({ name: 'W', version: '1', licenses: [] }),
    emit: () => undefined,
    log: memoryLogger(),
  })
  contents = new FakeWebContents()
  contents.mainFrame.url = PAGE
  const unbindService = bindAppService(fakeIpcMain as never, service, { contents: () => contents as never, pageUrl: PAGE }, log)
  const unbindDrops = bindDroppedFiles(fakeIpcMain as never, paths, { contents: () => contents as never, pageUrl: PAGE }, log)
  unbind = () => {
    unbindService()
    unbindDrops()
  }
})

afterEach(async () => {
  unbind()
  log.entries.length = 0
  await rm(folder, { recursive: true, force: true })
})

const call = (channel: string, sender: unknown, senderFrame: FakeFrame | null, args: unknown) =>
  fakeIpcMain.handlers.get(channelName(channel as never))!({ sender, senderFrame }, args)

describe('the IPC binding', () => {
  it('handles every APP_INVOKE channel, and unbinds them all', () => {
    expect([...fakeIpcMain.handlers.keys()].sort()).toEqual(Object.keys(APP_INVOKE).map((c) => `w2v:${c}`).sort())
    unbind()
    expect(fakeIpcMain.handlers.size).toBe(0)
    unbind = () => undefined
  })

  it('answers the app\'s own top frame', async () => {
    expect(await call('getSettings', contents, contents.mainFrame, {})).toEqual({ ok: true, value: DEFAULT_SETTINGS })
  })

  it.each([
    ['an iframe', () => ({ sender: contents, frame: { url: PAGE, parent: contents.mainFrame } })],
    ['another page', () => ({ sender: contents, frame: { url: 'file:///tmp/evil.html', parent: null } })],
    ['a remote page', () => ({ sender: contents, frame: { url: 'https://evil.example/', parent: null } })],
    ['another window', () => ({ sender: new FakeWebContents(), frame: { url: PAGE, parent: null } })],
    ['a frame that is gone', () => ({ sender: contents, frame: null })],
  ])('refuses a request from %s', async (_what, make) => {
    const { sender, frame } = make()
    expect(await call('getSettings', sender, frame, {})).toEqual({ ok: false, error: { kind: 'notAllowed', message: "The request did not come from the app's own window, so it was refused." } })
    expect(log.entries[0]!.message).toMatch(/^Refused a “getSettings” request from /)
  })

  it('refuses arguments that do not fit the channel\'s schema', async () => {
    expect(await call('updateSettings', contents, contents.mainFrame, { theme: 'neon' })).toMatchObject({ ok: false, error: { kind: 'badRequest', message: expect.stringMatching(/^Invalid “updateSettings” arguments at "theme"/) } })
    expect(await call('trainerRequest', contents, contents.mainFrame, { type: 'format', id: 'r1' })).toMatchObject({ ok: false, error: { kind: 'badRequest' } })
    expect(await call('openExternal', contents, contents.mainFrame, 'https://github.com/')).toMatchObject({ ok: false, error: { kind: 'badRequest' } })
  })

  it('lets the window read a file the preload reports as dropped, and only from the app\'s own page', async () => {
    const load = (id: string) => call('trainerRequest', contents, contents.mainFrame, { type: 'loadCorpus', id, paths: ['/home/me/dropped.txt'], tokenizer: {} })
    expect(await load('r1')).toMatchObject({ ok: false, error: { kind: 'notAllowed' } })
    const drop = (sender: unknown, senderFrame: FakeFrame, path: unknown) => {
      const event: { sender: unknown; senderFrame: FakeFrame; returnValue?: unknown } = { sender, senderFrame }
      fakeIpcMain.listeners.get(DROPPED_FILE_CHANNEL)!(event, path)
      return event
    }
    // A page that is not the app's cannot grant itself a file, nor can a report that names none.
    expect(drop(contents, { url: 'https://evil.example/', parent: null }, '/home/me/dropped.txt')).toHaveProperty('returnValue', null)
    drop(contents, contents.mainFrame, 42)
    expect(await load('r2')).toMatchObject({ ok: false, error: { kind: 'notAllowed' } })
    expect(log.entries.map((e) => e.message)).toEqual(expect.arrayContaining([expect.stringMatching(/^Ignored a dropped-file report from https:\/\/evil\.example/)]))
    // The sync reply is what lets the preload go on.
    expect(drop(contents, contents.mainFrame, '/home/me/dropped.txt')).toHaveProperty('returnValue', null)
    expect(await load('r3')).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'corpus' } } })
    expect(forward).toHaveBeenCalledTimes(1)
    unbind()
    expect(fakeIpcMain.listeners.size).toBe(0)
    unbind = () => undefined
  })
})
