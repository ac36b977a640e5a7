/**
 * The harness server over its real transports (needs `npm run build`: it forks the built
 * trainer and serves the built renderer): who may ask (exact host and origin, the start's
 * token), the page and shim, the WebSocket binding of the AppService, uploads, dialog answers
 * and reset.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { DEFAULT_SETTINGS } from '../../../src-main/core/contract/appProtocol'
import type { Logger } from '../../../src-main/node/services/logger'
import { type HarnessServer, startHarnessServer } from './harnessServer'
import { DIALOG_PATH, KILL_TRAINER_PATH, RESET_PATH, SHIM_PATH, SOCKET_PATH, UPLOAD_PATH, decodeMessage, encodeMessage } from './wire'

const root = fileURLToPath(new URL('../../..', import.meta.url))
const warnings: string[] = []
const log: Logger = { warn: (message) => void warnings.push(message), error: (message) => void warnings.push(message) }

let server: HarnessServer

beforeAll(async () => {
  server = await startHarnessServer({ port: 0, root, log })
})

afterAll(() => server?.close())

/** What a test client adds to every request to be let in. */
const auth = () => ({ authorization: `token ${server.token}` })
const harnessFetch = (path: string, init: RequestInit = {}) =>
  fetch(new URL(path, server.url), { ...init, headers: { ...auth(), ...(init.headers as Record<string, string> | undefined) } })

/** A raw request, with whatever Host and headers a hostile page's browser would send. */
function rawRequest(path: string, options: { method?: string; headers: Record<string, string> }): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(new URL(path, server.url), { method: options.method ?? 'GET', headers: options.headers }, (response) => {
      let body = ''
      response.on('data', (chunk: Buffer) => void (body += chunk.toString()))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, headers: response.headers }))
    })
    request.on('error', reject)
    request.end()
  })
}

/** A socket handshake with these headers: the status it was refused with, or 101 when it opened. */
function handshake(headers: Record<string, string>): Promise<number> {
  const socket = new WebSocket(new URL(SOCKET_PATH, server.url).href.replace(/^http/, 'ws'), { headers })
  return new Promise((resolve) => {
    socket.on('open', () => {
      socket.close()
      resolve(101)
    })
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0))
    socket.on('error', () => undefined)
  })
}

/** A page's connection: sends invokes, collects what the server sends. */
async function connect(origin = new URL(server.url).origin) {
  const socket = new WebSocket(new URL(SOCKET_PATH, server.url).href.replace(/^http/, 'ws'), { origin, headers: auth() })
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

describe('who may ask the harness', () => {
  const port = () => new URL(server.url).port

  it('refuses a DNS-rebinding page: another host name, even with a matching origin', async () => {
    const rebound = { host: `evil.example:${port()}`, origin: `http://evil.example:${port()}`, ...auth() }
    expect(await handshake(rebound)).toBe(403)
    const page = await rawRequest('/', { headers: rebound })
    expect(page.status).toBe(403)
    expect(page.body).toContain('The harness answers only at 127.0.0.1:')
    expect((await rawRequest(`/?token=${server.token}`, { headers: { host: `evil.example:${port()}` } })).status).toBe(403)
    // The right host name on another port is another site as well.
    expect(await handshake({ host: '127.0.0.1:1', ...auth() })).toBe(403)
  })

  it('refuses cross-site requests to the test endpoints and the socket, token or not', async () => {
    for (const path of [DIALOG_PATH, UPLOAD_PATH, RESET_PATH, KILL_TRAINER_PATH]) {
      const refused = await rawRequest(path, { method: 'POST', headers: { host: `127.0.0.1:${port()}`, origin: 'http://evil.example', ...auth() } })
      expect(refused.status, path).toBe(403)
    }
    expect(await handshake({ origin: 'http://evil.example', ...auth() })).toBe(403)
  })

  it('refuses every request without this start’s token, and a wrong one', async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'token not-the-token' }, { authorization: `token ${server.token}x` }, { cookie: `w2v-harness-token-${port()}=nope` }]
    for (const headers of attempts) {
      for (const path of ['/', SHIM_PATH, '/__harness/shell']) expect((await rawRequest(path, { headers })).status, path).toBe(401)
      expect((await rawRequest(RESET_PATH, { method: 'POST', headers })).status).toBe(401)
      expect(await handshake(headers)).toBe(401)
    }
    expect((await rawRequest('/?token=wrong', { headers: {} })).status).toBe(401)
  })

  it('lets the page in with the token from its URL and keeps it in a strict cookie', async () => {
    expect(server.pageUrl).toBe(`${server.url}?token=${server.token}`)
    const opened = await rawRequest(`/?token=${server.token}`, { headers: {} })
    expect(opened.status).toBe(303)
    expect(opened.headers.location).toBe('/')
    const cookie = (opened.headers['set-cookie'] as string[])[0]!
    expect(cookie).toMatch(/; HttpOnly; SameSite=Strict$/)
    const jar = { cookie: cookie.split(';')[0]! }
    expect((await rawRequest('/', { headers: jar })).status).toBe(200)
    expect((await rawRequest(SHIM_PATH, { headers: jar })).status).toBe(200)
    expect(await handshake({ ...jar, origin: new URL(server.url).origin })).toBe(101)
    expect(await handshake({ ...jar, origin: `http://localhost:${port()}`, host: `localhost:${port()}` })).toBe(101)
  })
})

describe('the harness server', () => {
  it('serves the built page with the shim before the app, and the shim as a classic script', async () => {
    const page = await (await harnessFetch('/')).text()
    expect(page.indexOf(`<script src="${SHIM_PATH}">`)).toBeGreaterThan(0)
    expect(page.indexOf(`<script src="${SHIM_PATH}">`)).toBeLessThan(page.indexOf('<script type="module"'))
    const shim = await harnessFetch(SHIM_PATH)
    expect(shim.headers.get('content-type')).toMatch(/^text\/javascript/)
    const code = await shim.text()
    expect(code).not.toMatch(/^\s*(import|export)\b/m)
    expect(code).toContain(JSON.stringify(process.versions.node))
    expect((await harnessFetch('/nothing-here.js')).status).toBe(404)
  })

  it('binds the AppService to a socket from its own page', async () => {
    const page = await connect()
    expect(await page.invoke('getSettings', {})).toEqual({ ok: true, value: DEFAULT_SETTINGS })
    expect(await page.invoke('noSuchChannel', {})).toMatchObject({ ok: false, error: { kind: 'badRequest' } })
    // The first page gets the app events that waited for one (or, if it came first, as they happen): the trainer's start.
    await expect.poll(() => page.received).toContainEqual({ kind: 'appEvent', event: { type: 'trainerStarted', pid: expect.any(Number) } })
    // A page that (re)connects asks the trainer for its whole state, through the same binding.
    expect(await page.invoke('trainerRequest', { type: 'describe', id: 'r0' })).toMatchObject({ ok: true, value: { ok: true, result: { phase: expect.any(String), runs: [] } } })
    page.socket.send('{"not":"an invoke"}')
    await expect.poll(() => warnings.some((w) => w.includes('harness request'))).toBe(true)
    page.socket.close()
  })

  it('writes an upload under its own folder with the original name', async () => {
    const bytes = Buffer.from([0, 1, 2, 255, 10])
    const response = await harnessFetch(`${UPLOAD_PATH}?name=${encodeURIComponent('my corpus.txt')}`, { method: 'POST', body: bytes })
    const path = await response.text()
    expect(path.startsWith(server.folder)).toBe(true)
    expect(path.endsWith('/my corpus.txt')).toBe(true)
    expect(readFileSync(path)).toEqual(bytes)
    expect((await harnessFetch(`${UPLOAD_PATH}?name=..`, { method: 'POST', body: bytes })).status).toBe(400)
  })

  it('lets the page name only files its user chose: an upload (a drop) or a dialog answer', async () => {
    const page = await connect()
    const load = (id: string, path: string) => page.invoke('trainerRequest', { type: 'loadCorpus', id, paths: [path], tokenizer: {} })
    expect(await load('r1', '/etc/passwd')).toMatchObject({ ok: false, error: { kind: 'notAllowed', message: expect.stringMatching(/^“\/etc\/passwd” was not read/) } })
    expect(await page.invoke('trainerRequest', { type: 'export', id: 'r2', path: join(server.folder, 'x.vec'), vectors: 'center', normalize: false })).toMatchObject({ ok: false, error: { kind: 'notAllowed' } })

    const uploaded = await (await harnessFetch(`${UPLOAD_PATH}?name=tale.txt`, { method: 'POST', body: 'a whale of a tale\n' })).text()
    expect(await load('r3', uploaded)).toMatchObject({ ok: true, value: { ok: true } })

    const chosen = join(server.folder, 'chosen.txt')
    writeFileSync(chosen, 'the sea the sea\n')
    expect(await load('r4', chosen)).toMatchObject({ ok: false, error: { kind: 'notAllowed' } })
    await harnessFetch(DIALOG_PATH, { method: 'POST', body: JSON.stringify({ channel: 'openCorpusDialog', answer: [chosen] }) })
    expect(await page.invoke('openCorpusDialog', {})).toEqual({ ok: true, value: { paths: [chosen] } })
    expect(await load('r5', chosen)).toMatchObject({ ok: true, value: { ok: true } })
    page.socket.close()
  })

  it('queues only well-formed dialog answers and resets to a first start', async () => {
    const bad = await harnessFetch(DIALOG_PATH, { method: 'POST', body: JSON.stringify({ channel: 'exportDialog', answer: 3 }) })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toMatch(/answer/)

    const page = await connect()
    expect(await page.invoke('updateSettings', { theme: 'dark' })).toMatchObject({ ok: true, value: { theme: 'dark' } })
    const ok = await harnessFetch(DIALOG_PATH, { method: 'POST', body: JSON.stringify({ channel: 'exportDialog', answer: '/tmp/x.bin' }) })
    expect(ok.status).toBe(204)

    expect((await harnessFetch(RESET_PATH, { method: 'POST' })).status).toBe(204)
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
