/**
 * The window's security as the shell issue specified it, checked where
 * test/electron-main/window.test.ts (options passed, navigation guards, CSP header, permissions)
 * and test/electron-main/ipcBinding.test.ts (sender checks) leave off: the exact preference set,
 * the policy's every source, the built page and the built main bundle that ships.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../src-main/electron-main/security'
import { SECURE_WEB_PREFERENCES, createMainWindow } from '../../src-main/electron-main/window'
import type { FakeBrowserWindow } from '../electron-main/fakeElectron'
import { ROOT } from '../release/builderConfig'

vi.mock('electron', async () => (await import('../electron-main/fakeElectron')).fakeElectron)

/** The shell issue's window: isolated, sandboxed, without Node anywhere, web security as by default, no webviews. */
const SPECIFIED_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
}

function builtMainCode(): string {
  return readdirSync(join(ROOT, 'out/main'), { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(ROOT, 'out/main', file), 'utf8'))
    .join('\n')
}

let builtPage: string
let mainCode: string
beforeAll(() => {
  builtPage = readFileSync(join(ROOT, 'out/renderer/index.html'), 'utf8')
  mainCode = builtMainCode()
})

describe('the main window\'s web preferences', () => {
  it('are the specified set and the preload, with nothing added', () => {
    expect(SECURE_WEB_PREFERENCES).toEqual(SPECIFIED_PREFERENCES)
    const window = createMainWindow({
      preloadPath: '/app/out/preload/index.cjs',
      pageUrl: 'file:///app/out/renderer/index.html',
      placement: { bounds: { x: 0, y: 0, width: 1200, height: 800 }, maximized: false },
      openExternal: () => undefined,
    }) as unknown as FakeBrowserWindow
    expect(window.options.webPreferences).toEqual({ ...SPECIFIED_PREFERENCES, preload: '/app/out/preload/index.cjs' })
  })

  it('belong to the only window the shipped main process can open, which can open no other', () => {
    expect(mainCode.match(/new BrowserWindow\(/g)).toHaveLength(1)
    expect(mainCode).not.toMatch(/new (BrowserView|WebContentsView)\(/)
    expect(mainCode).not.toMatch(/action:\s*["']allow["']/)
    expect(mainCode).not.toMatch(/(nodeIntegration\w*|webviewTag|allowRunningInsecureContent|experimentalFeatures):\s*true|(sandbox|contextIsolation|webSecurity):\s*false/)
  })

  it('leave IPC to the one binding that checks each request\'s sender frame', () => {
    // ipcMain is only ever handed to bindAppService, whose handlers all check the sender first.
    expect(mainCode.match(/\bbindAppService\(ipcMain\b/g)).toHaveLength(1)
    expect(mainCode).not.toMatch(/\bipcMain\s*\.|=\s*ipcMain\b/)
  })
})

describe('the Content-Security-Policy', () => {
  const directives = new Map(META_CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]))

  it('allows the page\'s own files only: no remote host, no eval, inline code nowhere but styles', () => {
    expect(directives.get('default-src')).toEqual(["'self'"])
    expect(directives.get('script-src')).toEqual(["'self'"])
    expect(directives.get('object-src')).toEqual(["'none'"])
    expect(directives.get('base-uri')).toEqual(["'none'"])
    expect(directives.get('form-action')).toEqual(["'none'"])
    for (const [name, sources] of directives) {
      for (const source of sources) {
        const allowed = source === "'self'" || source === "'none'" || (name === 'img-src' && source === 'data:') || (name === 'style-src' && source === "'unsafe-inline'")
        expect(allowed, `${name} ${source}`).toBe(true)
      }
    }
    expect(CONTENT_SECURITY_POLICY.endsWith("; frame-ancestors 'none'")).toBe(true)
  })

  it('is in the built page, which loads its own bundle and runs no inline code', () => {
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(builtPage)
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY)
    const scripts = [...builtPage.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)]
    expect(scripts.length).toBeGreaterThan(0)
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\.\/assets\/[\w.-]+\.js"/)
      expect(body!.trim()).toBe('')
    }
    expect(builtPage).not.toMatch(/\son\w+\s*=/i)
    expect(builtPage).not.toMatch(/(src|href)="(https?:)?\/\//)
  })
})
