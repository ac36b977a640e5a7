/**
 * The main window: sandboxed, context-isolated, without Node; it shows the app's own page and
 * nothing else — navigation is blocked, pop-ups are denied (an allow-listed https link opens in
 * the user's browser instead), webviews cannot be attached. It opens where it was last time.
 */
import { BrowserWindow, type WebPreferences } from 'electron'
import type { WindowState, WindowStateStore } from '../node/services/windowState'

export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
} as const satisfies WebPreferences

export interface MainWindowOptions {
  readonly preloadPath: string
  /** The app's page: the dev server's address, or the file:// URL of the built index.html. */
  readonly pageUrl: string
  readonly placement: WindowState
  /** Called with the address of a link the page tried to open in a new window (it decides whether to open it externally). */
  readonly openExternal: (url: string) => void
}

export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...options.placement.bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Word2Vec Studio',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: options.preloadPath },
  })
  if (options.placement.maximized) window.maximize()
  window.once('ready-to-show', () => window.show())

  const contents = window.webContents
  contents.setWindowOpenHandler(({ url }) => {
    options.openExternal(url)
    return { action: 'deny' }
  })
  contents.on('will-navigate', (event) => event.preventDefault())
  contents.on('will-redirect', (event) => event.preventDefault())
  contents.on('will-attach-webview', (event) => event.preventDefault())
  void window.loadURL(options.pageUrl)
  return window
}

/**
 * Saves the window's normal (not maximized) bounds and whether it is maximized when it closes.
 * `flush` saves them now if the window is still open (quitting closes it only after the quit
 * tasks ran), else waits for the save made on close; either way it resolves once it is on disk.
 */
export function rememberWindowState(window: BrowserWindow, store: WindowStateStore): { flush(): Promise<void> } {
  let saving: Promise<void> = Promise.resolve()
  const save = (): Promise<void> => {
    saving = store.save({ bounds: window.getNormalBounds(), maximized: window.isMaximized() }).catch((error: unknown) => {
      console.warn(`The window position was not saved: ${(error as Error).message}`)
    })
    return saving
  }
  window.on('close', () => void save())
  return { flush: () => (window.isDestroyed() ? saving : save()) }
}
