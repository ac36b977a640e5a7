import { readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { WindowStateStore } from '../../src-main/node/services/windowState'
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY, appPagePatterns, hardenSession, isAppPage } from '../../src-main/electron-main/security'
import { SECURE_WEB_PREFERENCES, createMainWindow, rememberWindowState } from '../../src-main/electron-main/window'
import { memoryLogger } from '../services/fakeTrainer'
import { FakeBrowserWindow, fakeSession } from './fakeElectron'

vi.mock('electron', async () => (await import('./fakeElectron')).fakeElectron)

const PAGE = 'file:///opt/w2v/resources/app.asar/out/renderer/index.html'
const placement = { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: false }

function makeWindow(openExternal: (url: string) => void = () => undefined) {
  return createMainWindow({ preloadPath: '/opt/w2v/out/preload/index.cjs', pageUrl: PAGE, placement, openExternal }) as unknown as FakeBrowserWindow
}

beforeEach(() => {
  FakeBrowserWindow.instances.length = 0
})

describe('the main window', () => {
  it('is sandboxed, context-isolated and without Node, with our preload', () => {
    const window = makeWindow()
    const prefs = window.options.webPreferences
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, allowRunningInsecureContent: false, webviewTag: false })
    expect(prefs.preload).toBe('/opt/w2v/out/preload/index.cjs')
    expect(SECURE_WEB_PREFERENCES.sandbox).toBe(true)
    expect(window.options).toMatchObject({ ...placement.bounds, show: false })
    expect(window.loadedUrl).toBe(PAGE)
  })

  it('blocks navigation, redirects and webviews', () => {
    const contents = makeWindow().webContents
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true)
    expect(contents.fire('will-attach-webview', {}, {})).toBe(true)
  })

  it('denies every new window and hands its address to the external-link check', () => {
    const asked: string[] = []
    const contents = makeWindow((url) => asked.push(url)).webContents
    expect(contents.windowOpenHandler!({ url: 'https://projector.tensorflow.org/' })).toEqual({ action: 'deny' })
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' })
    expect(asked).toEqual(['https://projector.tensorflow.org/', 'https://evil.example/'])
  })

  it('opens maximized when it was closed maximized', () => {
    const window = createMainWindow({ preloadPath: '/p', pageUrl: PAGE, placement: { ...placement, maximized: true }, openExternal: () => undefined }) as unknown as FakeBrowserWindow
    expect(window.maximized).toBe(true)
  })

  it('remembers its bounds when it closes', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'w2v-window-'))
    try {
      const store = new WindowStateStore(folder, memoryLogger())
      const window = makeWindow()
      const placementSaver = rememberWindowState(window as never, store)
      window.maximized = true
      window.emit('close')
      await placementSaver.flush()
      expect(await store.load()).toEqual({ bounds: placement.bounds, maximized: true })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})

describe('window security policy', () => {
  it('sends index.html\'s Content-Security-Policy plus frame-ancestors as a header, on documents only', () => {
    const html = readFileSync('src-renderer/index.html', 'utf8')
    expect(html.replace(/\s+/g, ' ')).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`)
    expect(CONTENT_SECURITY_POLICY).toBe(`${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`)
    hardenSession(fakeSession as never, PAGE)
    expect(fakeSession.headerHook!.filter).toEqual({ urls: ['file://*/*'] })
    const responses: unknown[] = []
    fakeSession.headerHook!.listener({ resourceType: 'mainFrame', responseHeaders: { 'X-Other': ['1'] } }, (r) => responses.push(r))
    fakeSession.headerHook!.listener({ resourceType: 'script', responseHeaders: {} }, (r) => responses.push(r))
    expect(responses).toEqual([{ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }, {}])
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self';/)
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval/)
  })

  it('grants the page no permissions', () => {
    hardenSession(fakeSession as never, PAGE)
    const answers: boolean[] = []
    fakeSession.permissionRequest!({}, 'media', (granted) => answers.push(granted))
    expect(answers).toEqual([false])
    expect(fakeSession.permissionCheck!()).toBe(false)
  })

  it('recognises the app page by scheme, host and path', () => {
    expect(isAppPage(`${PAGE}#/explore`, PAGE)).toBe(true)
    expect(isAppPage('file:///tmp/evil.html', PAGE)).toBe(false)
    expect(isAppPage('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAppPage('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isAppPage('not a url', PAGE)).toBe(false)
    expect(appPagePatterns('http://localhost:5173/')).toEqual(['http://localhost:5173/*'])
  })
})
