import { describe, expect, it, vi } from 'vitest'
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand, RecentFile } from '../../src-main/core/contract/appProtocol'
import { installMenu, menuTemplate, type MenuActions } from '../../src-main/electron-main/menu'
import { HELP_LINKS } from '../../src-main/node/services/externalLinks'
import { fakeMenu } from './fakeElectron'

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron)

function recorder() {
  const log: string[] = []
  const actions: MenuActions = {
    command: (command: MenuCommand) => void log.push(`command:${command}`),
    openRecent: (file: RecentFile) => void log.push(`recent:${file.path}`),
    clearRecent: () => void log.push('clear'),
    openExternal: (url: string) => void log.push(`open:${url}`),
  }
  return { log, actions }
}

const submenu = (item: MenuItemConstructorOptions | undefined) => (item?.submenu ?? []) as MenuItemConstructorOptions[]
const find = (items: MenuItemConstructorOptions[], label: string) => items.find((i) => i.label === label || i.role === label)
const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)()

const recent: RecentFile[] = [{ path: '/books/moby.txt', kind: 'corpus', openedAt: 1 }, { path: '/v/glove.vec', kind: 'vectors', openedAt: 0 }]

describe('the application menu', () => {
  it('has File, Edit, Training, View, Window and Help, with the required File items', () => {
    const { actions, log } = recorder()
    const template = menuTemplate({ platform: 'linux', appName: 'Word2Vec Studio', recent, developer: false, actions })
    expect(template.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'Training', 'View', 'windowMenu', 'help'])
    const file = submenu(find(template, 'File'))
    expect(file.map((i) => i.label ?? i.role ?? i.type)).toEqual(['Open Corpus…', 'Open Vectors…', 'Open Spark Model Folder…', 'Export…', 'Save Word Vectors Plot', 'Save Loss Chart', 'Recent', 'separator', 'quit'])
    click(find(file, 'Open Corpus…'))
    click(find(file, 'Open Vectors…'))
    click(find(file, 'Open Spark Model Folder…'))
    click(find(file, 'Export…'))
    expect(log).toEqual(['command:openCorpus', 'command:openVectors', 'command:openSparkModel', 'command:export'])
  })

  it('saves each figure as PNG, SVG or CSV from the File menu', () => {
    const { actions, log } = recorder()
    const template = menuTemplate({ platform: 'linux', appName: 'Word2Vec Studio', recent, developer: false, actions })
    const file = submenu(find(template, 'File'))
    for (const name of ['Save Word Vectors Plot', 'Save Loss Chart']) {
      const forms = submenu(find(file, name))
      expect(forms.map((i) => i.label)).toEqual(['PNG image…', 'SVG image…', 'CSV data…'])
      for (const form of forms) click(form)
    }
    expect(log).toEqual(['saveScatterPng', 'saveScatterSvg', 'saveScatterCsv', 'saveLossPng', 'saveLossSvg', 'saveLossCsv'].map((c) => `command:${c}`))
  })

  it('lists recent files, opens one as what it was, and clears them', () => {
    const { actions, log } = recorder()
    const file = submenu(find(menuTemplate({ platform: 'win32', appName: 'W', recent, developer: false, actions }), 'File'))
    const items = submenu(find(file, 'Recent'))
    expect(items.map((i) => i.label ?? i.type)).toEqual(['/books/moby.txt', '/v/glove.vec', 'separator', 'Clear Recent'])
    click(items[1])
    click(find(items, 'Clear Recent'))
    expect(log).toEqual(['recent:/v/glove.vec', 'clear'])
    const empty = submenu(find(submenu(find(menuTemplate({ platform: 'win32', appName: 'W', recent: [], developer: false, actions }), 'File')), 'Recent'))
    expect(empty).toEqual([{ label: 'No Recent Files', enabled: false }])
  })

  it('sends the training commands to the window', () => {
    const { actions, log } = recorder()
    const training = submenu(find(menuTemplate({ platform: 'linux', appName: 'W', recent: [], developer: false, actions }), 'Training'))
    for (const item of training.filter((i) => i.click)) click(item)
    expect(log).toEqual(['command:train', 'command:pauseResume', 'command:stop', 'command:gradientCheck'])
  })

  it('has documentation links and About in Help', () => {
    const { actions, log } = recorder()
    const help = submenu(find(menuTemplate({ platform: 'linux', appName: 'Word2Vec Studio', recent: [], developer: false, actions }), 'help'))
    expect(help.map((i) => i.label ?? i.type)).toEqual([...HELP_LINKS.map((l) => l.label), 'separator', 'About Word2Vec Studio'])
    for (const item of help.filter((i) => i.click)) click(item)
    expect(log).toEqual([...HELP_LINKS.map((l) => `open:${l.url}`), 'command:about'])
  })

  it('follows macOS: an app menu with About and Quit, Close in File, developer tools only in development', () => {
    const { actions } = recorder()
    const template = menuTemplate({ platform: 'darwin', appName: 'Word2Vec Studio', recent: [], developer: true, actions })
    const appMenu = submenu(template[0])
    expect(template[0]!.label).toBe('Word2Vec Studio')
    expect(appMenu[0]!.label).toBe('About Word2Vec Studio')
    expect(appMenu.at(-1)!.role).toBe('quit')
    expect(submenu(find(template, 'File')).at(-1)!.role).toBe('close')
    expect(submenu(find(template, 'View')).map((i) => i.role)).toContain('toggleDevTools')
    const packaged = menuTemplate({ platform: 'darwin', appName: 'W', recent: [], developer: false, actions })
    expect(submenu(find(packaged, 'View')).map((i) => i.role)).not.toContain('toggleDevTools')
  })

  it('installs the template as the application menu', () => {
    installMenu({ platform: 'linux', appName: 'W', recent: [], developer: false, actions: recorder().actions })
    expect(fakeMenu.template.map((m) => m.label ?? m.role)[0]).toBe('File')
  })
})
