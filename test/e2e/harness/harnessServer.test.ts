/**
 * The harness server over its real transports (needs `npm run build`: it forks the built
 * trainer and serves the built renderer): the page and shim, the WebSocket binding of the
 * AppService with its origin check, uploads, dialog answers and reset.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { DEFAULT_SETTINGS } from '../../../src-main/core/contract/appProtocol'
import type { Logger } from '../../../src-main/node/services/logger'
import { type HarnessServer, startHarnessServer } from './harnessServer'
import { DIALOG_PATH, RESET_PATH, SHIM_PATH, SOCKET_PATH, UPLOAD_PATH, decodeMessage, encodeMessage } from './wire'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const warnings: string[] = []
const log: Logger = { warn: (message) => void warnings.push(message), error: (message) => void warnings.push(message) }

let server: HarnessServer

beforeAll(async () => {
  server = await startHarnessServer({ port: 0, root, log })
})

afterAll(() => server?.close())

/** A page's connection: sends invokes, collects what the server sends. */
async function connect(origin = new URL(server.url).origin) {
  const socket = new WebSocket(new URL(SOCKET_PATH, server.url).href.replace(/^http/, 'ws'), { origin })
  const received: unknown[] = []
  socket.on('message', (data: Buffer) => received.push(decodeMessage(data.toString('utf8'))))
  const closed = new Promise<number>((resolve) => socket.on('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve())
    socket.once('error', reject)
  })
  let nextId = 0
  return {
    socket,
    received,
    closed,
    async invoke(channel: string, args: unknown): Promise<unknown> {
      const id = nextId++
      socket.send(encodeMessage({ id, channel, args }))
      for (let waited = 0; waited < 10_000; waited += 10) {
        const answer = received.find((m) => (m as { kind: string; id?: number }).kind === 'answer' && (m as { id: number }).id === id)
        if (answer) return (answer as { response: unknown }).response
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      throw new Error(`no answer to ${channel}`)
    },
  }
}

describe('the harness server', () => {
  it('serves the built page with the shim before the app, and the shim as a classic script', async () => {
    const page = await (await fetch(server.url)).text()
    expect(page.indexOf(`<script src="${SHIM_PATH}">`)).toBeGreaterThan(0)
    expect(page.indexOf(`<script src="${SHIM_PATH}">`)).toBeLessThan(page.indexOf('<script type="module"'))
    const shim = await fetch(new URL(SHIM_PATH, server.url))
    expect(shim.headers.get('content-type')).toMatch(/^text\/javascript/)
    const code = await shim.text()
    expect(code).not.toMatch(/^\s*(import|export)\b/m)
    expect(code).toContain(JSON.stringify(process.versions.node))
    expect((await fetch(new URL('/nothing-here.js', server.url))).status).toBe(404)
  })

  it('binds the AppService to a socket from its own page and refuses other origins', async () => {
    const stranger = await connect('http://evil.example')
    expect(await stranger.closed).toBe(1008)

    const page = await connect()
    expect(await page.invoke('getSettings', {})).toEqual({ ok: true, value: DEFAULT_SETTINGS })
    expect(await page.invoke('noSuchChannel', {})).toMatchObject({ ok: false, error: { kind: 'badRequest' } })
    // The first page gets the app events that waited for one (or, if it came first, as they happen): the trainer's start.
    await expect.poll(() => page.received).toContainEqual({ kind: 'appEvent', event: { type: 'trainerStarted', pid: expect.any(Number) } })
    page.socket.send('{"not":"an invoke"}')
    await expect.poll(() => warnings.some((w) => w.includes('harness request'))).toBe(true)
    page.socket.close()
  })

  it('writes an upload under its own folder with the original name', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 10])
    const response = await fetch(new URL(`${UPLOAD_PATH}?name=${encodeURIComponent('my corpus.txt')}`, server.url), { method: 'POST', body: bytes })
    const path = await response.text()
    expect(path.startsWith(server.folder)).toBe(true)
    expect(path.endsWith('/my corpus.txt')).toBe(true)
    expect(readFileSync(path)).toEqual(bytes)
    expect((await fetch(new URL(`${UPLOAD_PATH}?name=..`, server.url), { method: 'POST', body: bytes })).status).toBe(400)
  })

  it('queues only well-formed dialog answers and resets to a first start', async () => {
    const bad = await fetch(new URL(DIALOG_PATH, server.url), { method: 'POST', body: JSON.stringify({ channel: 'exportDialog', answer: 3 }) })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/answer/)

    const page = await connect()
    expect(await page.invoke('updateSettings', { theme: 'dark' })).toMatchObject({ ok: true, value: { theme: 'dark' } })
    const ok = await fetch(new URL(DIALOG_PATH, server.url), { method: 'POST', body: JSON.stringify({ channel: 'exportDialog', answer: '/tmp/x.bin' }) })
    expect(ok.status).toBe(204)

    expect((await fetch(new URL(RESET_PATH, server.url), { method: 'POST' })).status).toBe(204)
    expect(await page.closed).toBe(1001)
    const fresh = await connect()
    expect(await fresh.invoke('getSettings', {})).toEqual({ ok: true, value: DEFAULT_SETTINGS })
    expect(await fresh.invoke('exportDialog', { defaultName: 'vectors' })).toEqual({ ok: true, value: { path: null } })
    fresh.socket.close()
  })

  it('cleans up after itself when its port is taken', async () => {
    const port = Number(new URL(server.url).port)
    await expect(startHarnessServer({ port, root, log })).rejects.toThrow(/EADDRINUSE/)
  })

  it('removes its folder when closed', async () => {
    const other = await startHarnessServer({ port: 0, root, log })
    expect(existsSync(other.folder)).toBe(true)
    await other.close()
    expect(existsSync(other.folder)).toBe(false)
  })
})
