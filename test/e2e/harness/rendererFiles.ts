/**
 * The built renderer (out/renderer) as the harness serves it: files read from disk on every
 * request (so a rebuild shows on reload), never from outside the folder, and index.html with
 * the shim's script placed before the app's so `window.w2v` exists when the app starts.
 */
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, relative, resolve } from 'node:path'

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
}

export interface ServedFile {
  readonly body: Buffer
  readonly contentType: string
}

/** index.html with `<script src="shimSrc">` before its first script. */
export function injectShim(html: string, shimSrc: string): string {
  const at = html.search(/<script\b/i)
  if (at < 0) throw new Error('The built index.html has no <script> tag to put the harness shim before; rebuild the renderer.')
  return `${html.slice(0, at)}<script src="${shimSrc}"></script>\n    ${html.slice(at)}`
}

/** The file a URL path names inside `folder`; null when there is none or the path leaves the folder. */
export async function readRendererFile(folder: string, urlPath: string, shimSrc: string): Promise<ServedFile | null> {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  const name = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '')
  const file = resolve(folder, name)
  const inside = relative(folder, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    return null
  }
  const extension = extname(file).toLowerCase()
  if (inside === 'index.html') body = Buffer.from(injectShim(body.toString('utf8'), shimSrc))
  return { body, contentType: CONTENT_TYPES[extension] ?? 'application/octet-stream' }
}
