/**
 * The main process: wires the services in src-main/node to Electron — window, menu, dialogs,
 * IPC, the trainer utility process and its port to the window — and holds no logic of its own.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type BrowserWindow, app, ipcMain, screen, session, shell } from 'electron'
import { AppService } from '../node/services/appService'
import { builtInCorpusPath } from '../node/services/builtInCorpus'
import { checkExternalUrl } from '../node/services/externalLinks'
import { readDependencyLicenses } from '../node/services/licenses'
import { consoleLogger as log } from '../node/services/logger'
import { filesFromCommandLine, openableKind, type OpenableKind } from '../node/services/openFileArgs'
import { PathGrants } from '../node/services/pathGrants'
import { RecentFiles } from '../node/services/recentFiles'
import { SettingsStore } from '../node/services/settingsStore'
import type { TrainerHost } from '../node/services/trainerHost'
import { trainerArguments } from '../node/services/trainerArguments'
import { TrainingService } from '../node/services/trainingService'
import { WindowStateStore, placeWindow } from '../node/services/windowState'
import { createElectronDialogs } from './dialogs'
import { bindAppService, bindDroppedFiles } from './ipcBinding'
import { installMenu } from './menu'
import { hardenSession } from './security'
import { claimSingleInstance } from './singleInstance'
import { utilityTrainerLauncher } from './trainerLauncher'
import { connectTrainerToWindow } from './trainerPort'
import { createMainWindow, rememberWindowState } from './window'
import { WindowMessenger } from './windowMessenger'

const here = import.meta.dirname
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined
const pageUrl = devServerUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href

let mainWindow: BrowserWindow | null = null
/** The trainer the window's current port leads to, if any. */
let portTrainer: TrainerHost | null = null
const liveContents = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null)
const messenger = new WindowMessenger(liveContents)
/** The files the user chose; the window's requests may name no other. */
const paths = new PathGrants()

/** A file the user handed the app from outside the window (command line, file manager, dock, File › Recent). */
function openFile(path: string, kind: OpenableKind | null = openableKind(path)): void {
  if (!kind) {
    log.warn(`Ignored “${path}”: the app opens text files as corpora and .vec, .bin, .npy, .json or .tsv files as vectors.`)
    return
  }
  paths.grantRead([path])
  messenger.sendAppEvent({ type: 'openFile', path, kind })
}

function openExternal(url: string): void {
  const checked = checkExternalUrl(url)
  if (checked.ok) void shell.openExternal(checked.url)
  else log.warn(checked.reason)
}

async function start(): Promise<void> {
  const userData = app.getPath('userData')
  const settings = new SettingsStore(userData, log)
  const recentFiles = new RecentFiles(userData, log)
  const windowState = new WindowStateStore(userData, log)
  const [, , savedPlacement] = await Promise.all([settings.load(), recentFiles.load(), windowState.load()])
  hardenSession(session.defaultSession, pageUrl)

  const training = new TrainingService({
    launch: utilityTrainerLauncher(join(here, 'trainer.js'), trainerArguments(userData)),
    autosavePath: join(userData, 'checkpoints', 'autosave.w2vckpt'),
    autosaveSeconds: () => settings.get().autosaveSeconds,
    emit: (event) => messenger.sendAppEvent(event),
    // With a port connected the window gets every event through it (the trainer sends the
    // low-rate ones to both links), so main relays only for a trainer that has no port yet.
    relay: (event) => {
      if (portTrainer !== training.host) messenger.relayTrainerEvent(event)
    },
    log,
  })
  const service = new AppService({
    dialogs: createElectronDialogs(() => mainWindow),
    shell: { openExternal: (url) => shell.openExternal(url), showItemInFolder: (path) => shell.showItemInFolder(path) },
    builtInCorpusPath: () => builtInCorpusPath({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, searchFrom: here }),
    training,
    settings,
    recentFiles,
    paths,
    appInfo: async () => ({
      name: app.getName(),
      version: app.getVersion(),
      licenses: [{ name: 'electron', version: process.versions.electron ?? '', license: 'MIT' }, ...(await readDependencyLicenses(here))],
    }),
    emit: (event) => messenger.sendAppEvent(event),
    log,
  })
  bindAppService(ipcMain, service, { contents: liveContents, pageUrl }, log)
  bindDroppedFiles(ipcMain, paths, { contents: liveContents, pageUrl }, log)

  const menu = () => installMenu({
    platform: process.platform,
    appName: app.getName(),
    recent: recentFiles.list(),
    developer: !app.isPackaged,
    actions: {
      command: (command) => messenger.sendAppEvent({ type: 'menuCommand', command }),
      openRecent: (file) => openFile(file.path, file.kind),
      clearRecent: () => void recentFiles.clear().catch((error: unknown) => log.warn((error as Error).message)),
      openExternal,
    },
  })
  menu()
  recentFiles.onDidChange(menu)

  // The window and the trainer each may be new: hand them a fresh channel whenever both are there.
  const connect = (): void => {
    const host = training.host
    const contents = liveContents()
    if (host && contents && messenger.isLoaded) portTrainer = connectTrainerToWindow(host, contents) ? host : null
  }
  training.onDidStartTrainer(connect)

  const openWindow = (): BrowserWindow => {
    const window = createMainWindow({
      preloadPath: join(here, '../preload/index.cjs'),
      pageUrl,
      placement: placeWindow(savedPlacement, screen.getAllDisplays().map((display) => display.workArea)),
      openExternal,
    })
    const contents = window.webContents
    const pageGone = (): void => {
      messenger.pageGone()
      portTrainer = null
    }
    contents.on('did-start-loading', pageGone)
    contents.on('render-process-gone', pageGone)
    contents.on('did-finish-load', () => {
      messenger.pageLoaded()
      connect()
    })
    const placement = rememberWindowState(window, windowState)
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null
      pageGone()
    })
    quitTasks.add(() => placement.flush())
    return window
  }
  mainWindow = openWindow()
  app.on('activate', () => {
    if (!mainWindow) mainWindow = openWindow()
  })

  quitTasks.add(() => training.shutdown(3000))
  // A start failure has been reported to the window as trainerExited; it offers a restart.
  training.start().catch((error: unknown) => log.error('The trainer did not start.', error))
  for (const file of filesFromCommandLine(process.argv, process.cwd())) openFile(file.path, file.kind)
}

/** Work that must finish before the process ends: stop (and save) a training, save the window's place. */
const quitTasks = new Set<() => Promise<void>>()
let quitting = false

function main(): void {
  const ours = claimSingleInstance(app, {
    focus: () => {
      if (!mainWindow) return
      if (mainWindow.isMinimized()) mainWindow.restore()
      mainWindow.focus()
    },
    openFile,
  })
  if (!ours) {
    app.quit()
    return
  }
  // macOS: a file dropped on the dock icon or opened from Finder; it may come before 'ready'.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    openFile(path)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('before-quit', (event) => {
    if (quitting) return
    quitting = true
    event.preventDefault()
    void Promise.allSettled([...quitTasks].map((task) => task())).then(() => app.quit())
  })
  app.whenReady().then(start).catch((error: unknown) => {
    log.error('Word2Vec Studio could not start.', error)
    app.exit(1)
  })
}

main()
