import { afterEach, describe, expect, it, vi } from 'vitest'
import { APP_EVENT_CHANNEL, TRAINER_PORT_CHANNEL } from '../../src-main/core/contract/appProtocol'
import { createElectronDialogs, exportExtensions, withExportExtension } from '../../src-main/electron-main/dialogs'
import { claimSingleInstance } from '../../src-main/electron-main/singleInstance'
import { utilityTrainerLauncher } from '../../src-main/electron-main/trainerLauncher'
import { connectTrainerToWindow } from '../../src-main/electron-main/trainerPort'
import { WindowMessenger } from '../../src-main/electron-main/windowMessenger'
import { FAKE_TRAINER } from '../services/fakeTrainer'
import { fork } from 'node:child_process'
import { FakeMessageChannelMain, FakeUtilityProcess, FakeWebContents, fakeApp, fakeDialog } from './fakeElectron'

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron)

afterEach(() => {
  fakeApp.removeAllListeners()
  fakeApp.lockGranted = true
  fakeDialog.calls.length = 0
})

describe('single instance', () => {
  it('tells a second launch to quit', () => {
    fakeApp.lockGranted = false
    expect(claimSingleInstance(fakeApp as never, { focus: () => undefined, openFile: () => undefined })).toBe(false)
    expect(fakeApp.listenerCount('second-instance')).toBe(0)
  })

  it('focuses the window and opens the files a second launch was given', () => {
    const seen: string[] = []
    expect(claimSingleInstance(fakeApp as never, { focus: () => void seen.push('focus'), openFile: (path, kind) => void seen.push(`${kind}:${path}`) })).toBe(true)
    fakeApp.emit('second-instance', {}, ['/usr/bin/w2v', '--flag', 'moby.txt', '/v/glove.vec'], '/home/me')
    expect(seen).toEqual(['focus', 'corpus:/home/me/moby.txt', 'vectors:/v/glove.vec'])
  })
})

describe('dialogs', () => {
  const dialogs = createElectronDialogs(() => null)

  it('opens corpora as text files, several at once', async () => {
    fakeDialog.nextOpen = { canceled: false, filePaths: ['/a.txt', '/b.txt'] }
    expect(await dialogs.openCorpus()).toEqual(['/a.txt', '/b.txt'])
    expect(fakeDialog.calls[0]!.options).toMatchObject({ properties: ['openFile', 'multiSelections'], filters: [{ name: 'Text Files', extensions: ['txt', 'text'] }, { name: 'All Files', extensions: ['*'] }] })
    fakeDialog.nextOpen = { canceled: true, filePaths: [] }
    expect(await dialogs.openCorpus()).toEqual([])
    expect(await dialogs.openVectors(false)).toBeNull()
  })

  it('opens one vectors file, or one folder (a Spark model)', async () => {
    fakeDialog.nextOpen = { canceled: false, filePaths: ['/v.bin'] }
    expect(await dialogs.openVectors(false)).toBe('/v.bin')
    expect(fakeDialog.calls[0]!.options.properties).toEqual(['openFile'])
    fakeDialog.nextOpen = { canceled: false, filePaths: ['/models/w2v'] }
    expect(await dialogs.openVectors(true)).toBe('/models/w2v')
    expect(fakeDialog.calls[1]!.options.properties).toEqual(['openDirectory'])
  })

  it('proposes an export name with the format\'s extension and makes sure the chosen one has it', async () => {
    fakeDialog.nextSave = { canceled: false, filePath: '/out/vectors' }
    expect(await dialogs.exportTarget('vectors', 'word2vec-binary')).toBe('/out/vectors.bin')
    expect(fakeDialog.calls[0]!.options).toMatchObject({ defaultPath: 'vectors.bin', filters: [{ extensions: ['bin'] }] })
    fakeDialog.nextSave = { canceled: true, filePath: undefined }
    expect(await dialogs.exportTarget('vectors', 'npy')).toBeNull()
    expect(exportExtensions('glove')).toEqual(['txt'])
    expect(withExportExtension('run.vec', 'word2vec-text')).toBe('run.vec')
    expect(withExportExtension('run.VEC', 'word2vec-text')).toBe('run.VEC')
    expect(withExportExtension('run', 'projector')).toBe('run.tsv')
    expect(withExportExtension('run', undefined)).toBe('run')
  })
})

describe('the trainer port', () => {
  it('sends one end to the trainer and the other to the window', () => {
    const contents = new FakeWebContents()
    const ports: unknown[] = []
    expect(connectTrainerToWindow({ connectPort: (port) => (ports.push(port), true) }, contents as never)).toBe(true)
    const channel = FakeMessageChannelMain.created.at(-1)!
    expect(ports).toEqual([channel.port1])
    expect(contents.posted).toEqual([{ channel: TRAINER_PORT_CHANNEL, message: null, transfer: [channel.port2] }])
  })

  it('closes both ends when the trainer is gone', () => {
    const contents = new FakeWebContents()
    expect(connectTrainerToWindow({ connectPort: () => false }, contents as never)).toBe(false)
    const channel = FakeMessageChannelMain.created.at(-1)!
    expect([channel.port1.closed, channel.port2.closed]).toEqual([true, true])
    expect(contents.posted).toEqual([])
  })
})

describe('window messenger', () => {
  it('holds app events until the page has loaded, and drops relayed trainer events meanwhile', () => {
    const contents = new FakeWebContents()
    const messenger = new WindowMessenger(() => contents)
    messenger.sendAppEvent({ type: 'openFile', path: '/a.txt', kind: 'corpus' })
    messenger.relayTrainerEvent({ type: 'warning', message: 'early' })
    expect(contents.sent).toEqual([])
    messenger.pageLoaded()
    messenger.relayTrainerEvent({ type: 'warning', message: 'late' })
    expect(contents.sent).toEqual([
      { channel: APP_EVENT_CHANNEL, message: { type: 'openFile', path: '/a.txt', kind: 'corpus' } },
      { channel: TRAINER_PORT_CHANNEL, message: { type: 'warning', message: 'late' } },
    ])
    messenger.pageGone()
    messenger.sendAppEvent({ type: 'menuCommand', command: 'train' })
    expect(contents.sent).toHaveLength(2)
  })
})

describe('the utility-process launcher', () => {
  it('forks the entry as a utility process and reports its exit and fatal errors', async () => {
    FakeUtilityProcess.launch = (path) => fork(path, [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    const handle = utilityTrainerLauncher(FAKE_TRAINER)()
    const fake = FakeUtilityProcess.forks.at(-1)!
    expect(fake.modulePath).toBe(FAKE_TRAINER)
    expect(fake.options).toMatchObject({ serviceName: 'Word2Vec Studio Trainer' })
    const ready = await new Promise<unknown>((resolve) => handle.onMessage(resolve))
    expect(ready).toMatchObject({ type: 'ready', pid: handle.pid })
    handle.postMessage({ type: 'connectPort' }, ['port'])
    expect(fake.process.received.at(-1)).toEqual({ message: { type: 'connectPort' }, transfer: ['port'] })
    const exit = new Promise((resolve) => handle.onExit(resolve))
    fake.process.emit('error', 'FatalError', 'Reached heap limit', '{}')
    expect(handle.kill('SIGKILL')).toBe(true)
    expect(await exit).toEqual({ code: 1, signal: null, fatalError: 'Reached heap limit' })
  })
})
