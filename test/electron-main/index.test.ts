/**
 * The main-process entry wired end to end against the fake electron module, with the fake
 * trainer running as a real child process behind the fake utilityProcess.
 */
import { fork } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { APP_EVENT_CHANNEL, APP_INVOKE, DROPPED_FILE_CHANNEL, TRAINER_PORT_CHANNEL, channelName } from '../../src-main/core/contract/appProtocol'
import { FAKE_TRAINER } from '../services/fakeTrainer'
import { FakeBrowserWindow, FakeMessageChannelMain, FakeUtilityProcess, fakeApp, fakeIpcMain, fakeMenu, fakeSession } from './fakeElectron'

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron)

let userData: string
const savedArgv = process.argv
let window: FakeBrowserWindow

const until = async (condition: () => boolean, what: string): Promise<void> => {
  const started = Date.now()
  while (!condition()) {
    if (Date.now() - started > 15_000) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
const appEvents = () => window.webContents.sent.filter((m) => m.channel === APP_EVENT_CHANNEL).map((m) => m.message as { type: string })
const invoke = (channel: keyof typeof APP_INVOKE, args: unknown) =>
  fakeIpcMain.handlers.get(channelName(channel))!({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, args)
const livePid = () => FakeUtilityProcess.forks.at(-1)!.process.pid

beforeAll(async () => {
  userData = await mkdtemp(join(tmpdir(), 'w2v-main-'))
  fakeApp.userData = userData
  FakeUtilityProcess.launch = () => fork(FAKE_TRAINER, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  process.argv = ['/opt/w2v/w2v', '--enable-logging', 'books/moby.txt']
  await import('../../src-main/electron-main/index')
  await until(() => FakeBrowserWindow.instances.length === 1, 'the window')
  window = FakeBrowserWindow.instances[0]!
})

afterAll(async () => {
  process.argv = savedArgv
  for (const { process: child } of FakeUtilityProcess.forks) child.kill()
  await rm(userData, { recursive: true, force: true })
})

describe('the main process', () => {
  it('opens one secure window on the built page, with the CSP hook, the menu and every IPC handler', () => {
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false })
    expect(window.loadedUrl).toMatch(/^file:\/\/.*\/renderer\/index\.html$/)
    expect(fakeSession.headerHook).not.toBeNull()
    expect(fakeMenu.template.map((m) => m.label ?? m.role)).toContain('File')
    expect([...fakeIpcMain.handlers.keys()].sort()).toEqual(Object.keys(APP_INVOKE).map((c) => channelName(c as never)).sort())
    expect(fakeApp.listenerCount('second-instance')).toBe(1)
  })

  it('starts the trainer, and once the page has loaded sends it the queued events and a trainer port', async () => {
    await until(() => FakeUtilityProcess.forks.length === 1 && livePid() !== undefined, 'the trainer')
    // Give the handshake and autosave configuration time to finish before the page loads.
    await until(() => FakeUtilityProcess.forks[0]!.process.received.some((r) => (r.message as { type: string }).type === 'configureAutosave'), 'autosave setup')
    await new Promise((resolve) => setTimeout(resolve, 100))
    window.webContents.emit('did-finish-load')
    expect(appEvents()).toEqual(expect.arrayContaining([
      { type: 'openFile', path: join(process.cwd(), 'books/moby.txt'), kind: 'corpus' },
      { type: 'trainerStarted', pid: livePid() },
    ]))
    const channel = FakeMessageChannelMain.created.at(-1)!
    expect(window.webContents.posted).toEqual([{ channel: TRAINER_PORT_CHANNEL, message: null, transfer: [channel.port2] }])
    expect(FakeUtilityProcess.forks[0]!.process.received.at(-1)).toEqual({ message: { type: 'connectPort' }, transfer: [channel.port1] })
  })

  it('answers the window through the services: built-in corpus, trainer requests', async () => {
    const corpus = (await invoke('builtInCorpus', {})) as { ok: boolean; value: { path: string } }
    expect(corpus.ok).toBe(true)
    expect(existsSync(corpus.value.path)).toBe(true)
    expect(await invoke('trainerRequest', { type: 'loadCorpus', id: 'r1', paths: [corpus.value.path], tokenizer: {} })).toMatchObject({ ok: true, value: { ok: true, result: { paths: [corpus.value.path] } } })
    // The trainer's events reach the window through its port, so main relays none of them twice.
    expect(window.webContents.sent.filter((m) => m.channel === TRAINER_PORT_CHANNEL)).toEqual([])
  })

  it('focuses the window and opens the file of a second launch', () => {
    const before = window.focused
    fakeApp.emit('second-instance', {}, ['/opt/w2v/w2v', '/data/glove.vec'], '/home/me')
    expect(window.focused).toBe(before + 1)
    expect(appEvents().at(-1)).toEqual({ type: 'openFile', path: '/data/glove.vec', kind: 'vectors' })
  })

  it('opens a file macOS hands over', () => {
    let prevented = false
    fakeApp.emit('open-file', { preventDefault: () => void (prevented = true) }, '/data/model.bin')
    expect(prevented).toBe(true)
    expect(appEvents().at(-1)).toEqual({ type: 'openFile', path: '/data/model.bin', kind: 'vectors' })
  })

  it('lets the window read the files handed over from outside (command line, second launch, macOS) and no other', async () => {
    const request = (id: string, path: string) => invoke('trainerRequest', { type: 'openVectors', id, path })
    expect(await invoke('trainerRequest', { type: 'loadCorpus', id: 'r10', paths: [join(process.cwd(), 'books/moby.txt')], tokenizer: {} })).toMatchObject({ ok: true, value: { ok: true } })
    expect(await request('r11', '/data/glove.vec')).toMatchObject({ ok: true, value: { ok: true } })
    expect(await request('r12', '/data/model.bin')).toMatchObject({ ok: true, value: { ok: true } })
    expect(await request('r13', '/etc/shadow')).toMatchObject({ ok: false, error: { kind: 'notAllowed', message: expect.stringMatching(/^“\/etc\/shadow” was not read/) } })
    expect(await invoke('trainerRequest', { type: 'saveCheckpoint', id: 'r14', path: '/data/glove.vec' })).toMatchObject({ ok: false, error: { kind: 'notAllowed' } })
    // The preload's report of a dropped file is bound too.
    expect(fakeIpcMain.listeners.has(DROPPED_FILE_CHANNEL)).toBe(true)
  })

  it('sends menu commands to the window', () => {
    const file = fakeMenu.template.find((m) => m.label === 'File')!.submenu as { label?: string; click?: () => void }[]
    file.find((i) => i.label === 'Export…')!.click!()
    expect(appEvents().at(-1)).toEqual({ type: 'menuCommand', command: 'export' })
  })

  it('keeps the window up when the trainer crashes, and restarts it with a new port', async () => {
    process.kill(livePid()!, 'SIGKILL')
    await until(() => appEvents().some((e) => e.type === 'trainerExited'), 'trainerExited')
    expect(appEvents().find((e) => e.type === 'trainerExited')).toMatchObject({ type: 'trainerExited', reason: expect.any(String) })
    expect(window.destroyed).toBe(false)
    expect(await invoke('trainerRequest', { type: 'pause', id: 'r2' })).toMatchObject({ ok: false, error: { kind: 'trainerExited' } })
    const portsBefore = window.webContents.posted.length
    expect(await invoke('restartTrainer', { fromCheckpoint: false })).toEqual({ ok: true, value: { restoredFrom: null } })
    expect(FakeUtilityProcess.forks).toHaveLength(2)
    expect(window.webContents.posted).toHaveLength(portsBefore + 1)
    expect(await invoke('trainerRequest', { type: 'pause', id: 'r3' })).toMatchObject({ ok: true, value: { ok: true } })
  })

  it('on quit, stops the trainer and saves the window position before letting the app end', async () => {
    let prevented = false
    fakeApp.emit('before-quit', { preventDefault: () => void (prevented = true) })
    expect(prevented).toBe(true)
    await until(() => fakeApp.quitCalls === 1, 'the quit')
    expect(FakeUtilityProcess.forks[1]!.process.pid).toBeUndefined()
    expect(existsSync(join(userData, 'window-state.json'))).toBe(true)
    expect(existsSync(join(userData, 'checkpoints', 'autosave.w2vckpt'))).toBe(true)
  })
})
