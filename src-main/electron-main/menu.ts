/**
 * The application menu. Commands the window carries out (open, export, train…) are sent to it
 * as `menuCommand` app events; File › Recent sends `openFile`; Help links open in the browser.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron'
import type { MenuCommand, RecentFile } from '../core/contract/appProtocol'
import { FIGURE_FORMATS, FIGURE_FORMAT_LABELS, type FigureKind, SAVE_FIGURE_COMMANDS } from '../core/contract/figures'
import { HELP_LINKS } from '../node/services/externalLinks'

export interface MenuActions {
  command(command: MenuCommand): void
  openRecent(file: RecentFile): void
  clearRecent(): void
  openExternal(url: string): void
}

export interface MenuOptions {
  readonly platform: NodeJS.Platform
  readonly appName: string
  readonly recent: readonly RecentFile[]
  /** Development builds get Reload and the developer tools. */
  readonly developer: boolean
  readonly actions: MenuActions
}

function recentMenu(recent: readonly RecentFile[], actions: MenuActions): MenuItemConstructorOptions[] {
  if (recent.length === 0) return [{ label: 'No Recent Files', enabled: false }]
  return [
    ...recent.map((file): MenuItemConstructorOptions => ({ label: file.path, click: () => actions.openRecent(file) })),
    { type: 'separator' },
    { label: 'Clear Recent', click: () => actions.clearRecent() },
  ]
}

/** File › Save Word Vectors Plot / Save Loss Chart: one entry per form. */
function figureMenu(label: string, figure: FigureKind, send: (command: MenuCommand) => () => void): MenuItemConstructorOptions {
  return { label, submenu: FIGURE_FORMATS.map((format) => ({ label: `${FIGURE_FORMAT_LABELS[format]}…`, click: send(SAVE_FIGURE_COMMANDS[figure][format]) })) }
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { actions } = options
  const mac = options.platform === 'darwin'
  const send = (command: MenuCommand) => () => actions.command(command)
  const about: MenuItemConstructorOptions = { label: `About ${options.appName}`, click: send('about') }
  return [
    ...(mac ? [{ label: options.appName, submenu: [about, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } satisfies MenuItemConstructorOptions] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Open Corpus…', accelerator: 'CmdOrCtrl+O', click: send('openCorpus') },
        { label: 'Open Vectors…', accelerator: 'CmdOrCtrl+Shift+O', click: send('openVectors') },
        { label: 'Open Spark Model Folder…', click: send('openSparkModel') },
        { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        figureMenu('Save Word Vectors Plot', 'scatter', send),
        figureMenu('Save Loss Chart', 'loss', send),
        { label: 'Recent', submenu: recentMenu(options.recent, actions) },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Training',
      submenu: [
        { label: 'Train', accelerator: 'CmdOrCtrl+Enter', click: send('train') },
        { label: 'Pause or Resume', accelerator: 'CmdOrCtrl+P', click: send('pauseResume') },
        { label: 'Stop', accelerator: 'CmdOrCtrl+.', click: send('stop') },
        { type: 'separator' },
        { label: 'Check Gradients', click: send('gradientCheck') },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...(options.developer ? [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }] satisfies MenuItemConstructorOptions[] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        ...HELP_LINKS.map((link): MenuItemConstructorOptions => ({ label: link.label, click: () => actions.openExternal(link.url) })),
        ...(mac ? [] : [{ type: 'separator' }, about] satisfies MenuItemConstructorOptions[]),
      ],
    },
  ]
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)))
}
