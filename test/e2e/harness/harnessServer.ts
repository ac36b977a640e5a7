/**
 * The browser test harness's server: the built renderer over HTTP (index.html with the shim's
 * script added), the AppService over a WebSocket, and a few test-control endpoints (queue a
 * dialog answer, read the shell calls, reset to a first start, receive a dropped file). Each
 * app run gets its own user-data folder in a temporary folder that closing removes. Every
 * request, the socket's included, passes harnessAccess.ts first.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { checkMessage } from '../../../src-main/core/contract/validation'
import { consoleLogger, type Logger } from '../../../src-main/node/services/logger'
import { AppRuns } from './appRuns'
import { HarnessAccess, checkHarnessToken, newHarnessToken, withToken, withoutToken } from './harnessAccess'
import { DialogAnswerSchema } from './desktopStandIns'
import { readRendererFile } from './rendererFiles'
import { bundleShim } from './shimBundle'
import { SocketWindows } from './socketWindows'
import {
  DIALOG_PATH, InvokeMessageSchema, KILL_TRAINER_PATH, RESET_PATH, SHELL_PATH, SHIM_PATH, SOCKET_PATH, UPLOAD_PATH, decodeMessage,
} from './wire'

export interface HarnessServerOptions {
  /** 0 picks a free port. */
  readonly port: number
  /** The repository, with a built app in out/. */
  readonly root: string
  readonly log?: Logger
  /** The secret every request must carry; a fresh one when not given. */
  readonly token?: string
}

export interface HarnessServer {
  /** Where the harness answers; requests need the token as well. */
  readonly url: string
  /** The address to open in a browser: `url` with the token, which the page then keeps. */
  readonly pageUrl: string
  readonly token: string
  /** The temporary folder holding the user-data folders and the uploaded files. */
  readonly folder: string
  close(): Promise<void>
}

const HOST = '127.0.0.1'
const BUILT = [join('out', 'renderer', 'index.html'), join('out', 'main', 'trainer.js')]
/** A dropped corpus can be large, but not larger than a test has any reason to drop. */
const MAX_UPLOAD_BYTES = 512 * 1024 * 1024

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message)
  }
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > limit) throw new HttpError(413, `The upload is larger than ${limit} bytes.`)
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function reply(response: ServerResponse, status: number, body: string | Buffer, contentType = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { 'content-type': contentType, 'cache-control': 'no-store' })
  response.end(body)
}

export async function startHarnessServer(options: HarnessServerOptions): Promise<HarnessServer> {
  const { root } = options
  const log = options.log ?? consoleLogger
  const missing = BUILT.filter((file) => !existsSync(join(root, file)))
  if (missing.length > 0) throw new Error(`The built app is missing ${missing.join(', ')}: run \`npm run build\` first.`)

  const token = options.token === undefined ? newHarnessToken() : checkHarnessToken(options.token)
  const shim = await bundleShim()
  const folder = await mkdtemp(join(tmpdir(), 'w2v-harness-'))
  const rendererFolder = join(root, 'out', 'renderer')
  const windows = new SocketWindows()
  const runs = await AppRuns.open(root, folder, windows, log)
  let uploads = 0

  async function receiveUpload(request: IncomingMessage, url: URL): Promise<string> {
    const name = basename(url.searchParams.get('name') ?? '')
    if (name === '' || name === '.' || name === '..') throw new HttpError(400, 'The upload needs the file’s name as ?name=.')
    const target = join(folder, 'uploads', String(++uploads), name)
    await mkdir(join(target, '..'), { recursive: true })
    await writeFile(target, await readBody(request, MAX_UPLOAD_BYTES))
    // An upload is the harness's drop: the file the user handed the window, as webUtils reports it in the app.
    ;(await runs.run).paths.grantRead([target])
    return target
  }

  /** Set once listening, when the port is known; no request arrives before. */
  let access: HarnessAccess | null = null

  function admit(request: IncomingMessage): { url: URL; fromUrl: boolean } {
    const url = new URL(request.url ?? '/', `http://${HOST}`)
    const decision = access?.decide(request, url) ?? { ok: false, status: 403, message: 'The harness is not listening yet.' }
    if (!decision.ok) {
      log.warn(`Refused ${request.method} ${url.pathname}: ${decision.message}`)
      throw new HttpError(decision.status, decision.message)
    }
    return { url, fromUrl: decision.fromUrl }
  }

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const { url, fromUrl } = admit(request)
    const method = request.method ?? 'GET'
    if (fromUrl && access && (method === 'GET' || method === 'HEAD')) {
      // The page keeps the token in its cookie; the address bar and history lose it.
      response.writeHead(303, { location: withoutToken(url), 'set-cookie': access.cookieFor(token), 'cache-control': 'no-store' })
      response.end()
      return
    }
    if (method === 'GET' && url.pathname === SHIM_PATH) return reply(response, 200, shim, 'text/javascript; charset=utf-8')
    if (method === 'POST' && url.pathname === UPLOAD_PATH) return reply(response, 200, await receiveUpload(request, url))
    if (method === 'POST' && url.pathname === DIALOG_PATH) {
      let body: unknown
      try {
        body = JSON.parse((await readBody(request, 64 * 1024)).toString('utf8'))
      } catch {
        throw new HttpError(400, 'The dialog answer is not JSON.')
      }
      const checked = checkMessage(DialogAnswerSchema, body, 'dialog answer')
      if (!checked.ok) throw new HttpError(400, checked.error.message)
      runs.dialogs.enqueue(checked.value)
      return reply(response, 204, '')
    }
    if (method === 'GET' && url.pathname === SHELL_PATH) return reply(response, 200, JSON.stringify(runs.shell.calls), 'application/json')
    if (method === 'POST' && url.pathname === KILL_TRAINER_PATH) {
      if (!(await runs.run).killTrainer()) throw new HttpError(409, 'No trainer is running to kill.')
      return reply(response, 204, '')
    }
    if (method === 'POST' && url.pathname === RESET_PATH) {
      await runs.reset()
      return reply(response, 204, '')
    }
    if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${method} ${url.pathname} is not something the harness answers.`)
    const file = await readRendererFile(rendererFolder, url.pathname, SHIM_PATH)
    if (!file) throw new HttpError(404, `There is no ${url.pathname} in the built renderer.`)
    return reply(response, 200, file.body, file.contentType)
  }

  const server = createServer((request, response) => {
    route(request, response).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500
      if (status === 500) log.error(`The harness failed to answer ${request.method} ${request.url}.`, error)
      if (!response.headersSent) reply(response, status, (error as Error).message)
      else response.destroy()
    })
  })

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port, HOST, () => resolve())
    })
  } catch (error) {
    // A port in use, say: nothing may outlive the failed start, least of all the trainer.
    await runs.close()
    await rm(folder, { recursive: true, force: true })
    throw error
  }

  const { port } = server.address() as AddressInfo
  access = new HarnessAccess(port, token)

  // Only the harness's own page may drive the app, as main accepts IPC only from its own window:
  // a refused upgrade never becomes a socket.
  const sockets = new WebSocketServer({ noServer: true })
  server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => {
    let url: URL
    try {
      url = admit(request).url
    } catch (error) {
      const { status, message } = error as HttpError
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Forbidden'}\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n\r\n${message}`)
      return
    }
    if (url.pathname !== SOCKET_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n')
      return
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request))
  })
  sockets.on('connection', (socket: WebSocket) => {
    windows.attach(socket)
    socket.on('message', (data: Buffer) => {
      let decoded: unknown
      try {
        decoded = decodeMessage(data.toString('utf8'))
      } catch {
        log.warn('Dropped a message from the page that is not JSON.')
        return
      }
      const checked = checkMessage(InvokeMessageSchema, decoded, 'harness request')
      if (!checked.ok) {
        log.warn(`Dropped a message from the page. ${checked.error.message}`)
        return
      }
      const { id, channel, args } = checked.value
      runs.run
        .then((run) => run.service.invoke(channel, args))
        .catch((error: unknown) => ({ ok: false, error: { kind: 'internal', message: `The harness has no app to ask: ${(error as Error).message}` } }))
        .then((answer) => windows.send(socket, { kind: 'answer', id, response: answer }))
        // The page closed before its answer: nobody is left to tell.
        .catch((error: unknown) => log.warn(`Could not answer the page: ${(error as Error).message}`))
    })
  })

  const url = `http://${HOST}:${port}/`
  return {
    url,
    pageUrl: withToken(url, token),
    token,
    folder,
    async close() {
      windows.closeAll()
      for (const socket of sockets.clients) socket.terminate()
      sockets.close()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await runs.close()
      await rm(folder, { recursive: true, force: true })
    },
  }
}
