/**
 * A stand-in for the parts of the `electron` module the main process uses, recording what it
 * was asked to do. Tests install it with
 * `vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron)`.
 */
import type { fork } from 'node:child_process'
import { EventEmitter } from 'node:events'
import type { MenuItemConstructorOptions } from 'electron'

export interface FakeFrame {
  url: string
  parent: FakeFrame | null
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeFrame = { url: '', parent: null }
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null
  readonly sent: { channel: string; message: unknown }[] = []
  readonly posted: { channel: string; message: unknown; transfer: unknown[] }[] = []

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler
  }

  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message })
  }

  postMessage(channel: string, message: unknown, transfer: unknown[] = []): void {
    this.posted.push({ channel, message, transfer })
  }

  isDestroyed(): boolean {
    return false
  }

  /** Emits an event the way Electron does, with a preventable event object; returns whether it was prevented. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false
    this.emit(name, { preventDefault: () => void (prevented = true) }, ...args)
    return prevented
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  loadedUrl = ''
  maximized = false
  destroyed = false
  focused = 0

  constructor(readonly options: Record<string, unknown> & { webPreferences: Record<string, unknown> }) {
    super()
    FakeBrowserWindow.instances.push(this)
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.destroyed)
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    this.webContents.mainFrame.url = url
  }

  maximize(): void {
    this.maximized = true
  }

  isMaximized(): boolean {
    return this.maximized
  }

  getNormalBounds() {
    const { x, y, width, height } = this.options as unknown as { x: number; y: number; width: number; height: number }
    return { x, y, width, height }
  }

  show(): void {}
  isMinimized(): boolean {
    return false
  }
  restore(): void {}
  focus(): void {
    this.focused++
  }
  isDestroyed(): boolean {
    return this.destroyed
  }
}

/** A utility process backed by a real Node child process (the fake trainer), with Electron's API. */
export class FakeUtilityProcess extends EventEmitter {
  static readonly forks: { modulePath: string; options: unknown; process: FakeUtilityProcess }[] = []
  static launch: (modulePath: string) => ReturnType<typeof fork> = () => {
    throw new Error('Set FakeUtilityProcess.launch first.')
  }
  private readonly child: ReturnType<typeof fork>
  readonly received: { message: unknown; transfer: unknown[] | undefined }[] = []

  constructor(modulePath: string) {
    super()
    this.child = FakeUtilityProcess.launch(modulePath)
    this.child.on('message', (message) => this.emit('message', message))
    this.child.on('exit', (code, signal) => this.emit('exit', code ?? (signal ? 1 : 0)))
  }

  static fork(modulePath: string, _args: string[], options: unknown): FakeUtilityProcess {
    const process = new FakeUtilityProcess(modulePath)
    FakeUtilityProcess.forks.push({ modulePath, options, process })
    return process
  }

  get pid(): number | undefined {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined
  }

  postMessage(message: unknown, transfer?: unknown[]): void {
    this.received.push({ message, transfer })
    // A MessagePort cannot cross child_process IPC: a connectPort message is only recorded.
    if (!transfer?.length && this.child.connected) this.child.send(message as object)
  }

  kill(): boolean {
    return this.child.kill()
  }
}

export class FakeMessagePortMain {
  closed = false
  close(): void {
    this.closed = true
  }
}

export class FakeMessageChannelMain {
  static readonly created: FakeMessageChannelMain[] = []
  readonly port1 = new FakeMessagePortMain()
  readonly port2 = new FakeMessagePortMain()
  constructor() {
    FakeMessageChannelMain.created.push(this)
  }
}

type Handler = (event: unknown, ...args: unknown[]) => unknown

export const fakeApp = Object.assign(new EventEmitter(), {
  isPackaged: false,
  lockGranted: true,
  userData: '',
  quitCalls: 0,
  requestSingleInstanceLock(): boolean {
    return fakeApp.lockGranted
  },
  whenReady: () => Promise.resolve(),
  getPath: (name: string) => {
    if (name !== 'userData') throw new Error(`unexpected path ${name}`)
    return fakeApp.userData
  },
  getName: () => 'Word2Vec Studio',
  getVersion: () => '0.1.0',
  quit(): void {
    fakeApp.quitCalls++
  },
  exit(): void {},
})

type Listener = (event: { sender: unknown; senderFrame: FakeFrame | null; returnValue?: unknown }, ...args: unknown[]) => void

export const fakeIpcMain = {
  handlers: new Map<string, Handler>(),
  listeners: new Map<string, Listener>(),
  on(channel: string, listener: Listener): void {
    fakeIpcMain.listeners.set(channel, listener)
  },
  removeListener(channel: string, listener: Listener): void {
    if (fakeIpcMain.listeners.get(channel) === listener) fakeIpcMain.listeners.delete(channel)
  },
  handle(channel: string, handler: Handler): void {
    if (fakeIpcMain.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
    fakeIpcMain.handlers.set(channel, handler)
  },
  removeHandler(channel: string): void {
    fakeIpcMain.handlers.delete(channel)
  },
}

export const fakeMenu = {
  template: [] as MenuItemConstructorOptions[],
  buildFromTemplate: (template: MenuItemConstructorOptions[]) => ({ template }),
  setApplicationMenu: (menu: { template: MenuItemConstructorOptions[] }) => void (fakeMenu.template = menu.template),
}

type HeaderListener = (details: Record<string, unknown>, callback: (response: unknown) => void) => void
type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void

export const fakeSession: {
  headerHook: { filter: unknown; listener: HeaderListener } | null
  permissionRequest: PermissionRequestHandler | null
  permissionCheck: (() => boolean) | null
  webRequest: { onHeadersReceived(filter: unknown, listener: HeaderListener): void }
  setPermissionRequestHandler(handler: PermissionRequestHandler): void
  setPermissionCheckHandler(handler: () => boolean): void
} = {
  headerHook: null,
  permissionRequest: null,
  permissionCheck: null,
  webRequest: {
    onHeadersReceived: (filter, listener) => void (fakeSession.headerHook = { filter, listener }),
  },
  setPermissionRequestHandler: (handler) => void (fakeSession.permissionRequest = handler),
  setPermissionCheckHandler: (handler) => void (fakeSession.permissionCheck = handler),
}

export const fakeShell = {
  opened: [] as string[],
  shown: [] as string[],
  openExternal: async (url: string) => void fakeShell.opened.push(url),
  showItemInFolder: (path: string) => void fakeShell.shown.push(path),
}

export const fakeDialog = {
  calls: [] as { kind: 'open' | 'save'; options: Record<string, unknown> }[],
  nextOpen: { canceled: false, filePaths: [] as string[] },
  nextSave: { canceled: false, filePath: '' as string | undefined },
  async showOpenDialog(...args: unknown[]) {
    fakeDialog.calls.push({ kind: 'open', options: args[args.length - 1] as Record<string, unknown> })
    return fakeDialog.nextOpen
  },
  async showSaveDialog(...args: unknown[]) {
    fakeDialog.calls.push({ kind: 'save', options: args[args.length - 1] as Record<string, unknown> })
    return fakeDialog.nextSave
  },
}

export const fakeElectron = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  ipcMain: fakeIpcMain,
  Menu: fakeMenu,
  MessageChannelMain: FakeMessageChannelMain,
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  session: { defaultSession: fakeSession },
  shell: fakeShell,
  dialog: fakeDialog,
  utilityProcess: { fork: (modulePath: string, args: string[], options: unknown) => FakeUtilityProcess.fork(modulePath, args, options) },
}
