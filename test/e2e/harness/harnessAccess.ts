/**
 * Who may talk to the harness. It serves real files and drives a trainer that reads and writes
 * them, so a page on another site must not reach it: not by a cross-site POST, and not by DNS
 * rebinding (a name of the attacker's that resolves to 127.0.0.1, so the page's Origin matches
 * the Host it sends). Every request must
 * - name the harness by its exact address in Host (127.0.0.1:PORT or localhost:PORT), and in
 *   Origin when it has one;
 * - carry the secret token made for this start, as Jupyter does: in the page URL's `?token=`
 *   (the server then keeps it in a strict same-site, HttpOnly cookie for the page's own requests,
 *   its scripts, uploads and socket), or as `Authorization: token …` from a test client.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** A test runner that starts the harness gives it the token here, so its clients know it. */
export const HARNESS_TOKEN_ENV = 'W2V_HARNESS_TOKEN'
const TOKEN_PARAM = 'token'
const MIN_TOKEN_LENGTH = 32

export function newHarnessToken(): string {
  return randomBytes(32).toString('base64url')
}

/** A token given from outside (the environment) that is too easy to guess is refused. */
export function checkHarnessToken(token: string): string {
  if (token.length < MIN_TOKEN_LENGTH || !/^[\w-]+$/.test(token)) {
    throw new Error(`The harness token must be at least ${MIN_TOKEN_LENGTH} letters, digits, “-” or “_”.`)
  }
  return token
}

export type AccessDecision =
  | { readonly ok: true; /** The token came in the URL: keep it in the cookie. */ readonly fromUrl: boolean }
  | { readonly ok: false; readonly status: 401 | 403; readonly message: string }

export class HarnessAccess {
  private readonly hosts: readonly string[]
  private readonly tokenDigest: Buffer

  constructor(readonly port: number, token: string) {
    this.hosts = [`127.0.0.1:${port}`, `localhost:${port}`]
    this.tokenDigest = digest(token)
  }

  /** Cookies are shared by every port of a host, so each harness names its own. */
  get cookieName(): string {
    return `w2v-harness-token-${this.port}`
  }

  cookieFor(token: string): string {
    return `${this.cookieName}=${token}; Path=/; HttpOnly; SameSite=Strict`
  }

  decide(request: IncomingMessage, url: URL): AccessDecision {
    const host = request.headers.host ?? ''
    if (!this.hosts.includes(host)) {
      return { ok: false, status: 403, message: `The harness answers only at ${this.hosts.join(' or ')}, not at “${host}”.` }
    }
    const origin = request.headers.origin
    if (origin !== undefined && !this.hosts.some((allowed) => origin === `http://${allowed}`)) {
      return { ok: false, status: 403, message: `The harness answers only its own page, not one from “${origin}”.` }
    }
    const fromUrl = url.searchParams.get(TOKEN_PARAM)
    const given = [fromUrl, bearer(request.headers.authorization), this.cookie(request.headers.cookie)]
    // Every candidate is compared, so the time taken does not tell which one was close.
    const matches = given.map((candidate) => candidate !== null && this.matches(candidate))
    if (!matches.some(Boolean)) {
      return { ok: false, status: 401, message: 'The harness needs its token: open the address it printed when it started (with ?token=…).' }
    }
    return { ok: true, fromUrl: matches[0] === true }
  }

  private matches(candidate: string): boolean {
    return timingSafeEqual(digest(candidate), this.tokenDigest)
  }

  private cookie(header: string | undefined): string | null {
    for (const part of (header ?? '').split(';')) {
      const at = part.indexOf('=')
      if (at > 0 && part.slice(0, at).trim() === this.cookieName) return part.slice(at + 1).trim()
    }
    return null
  }
}

/** Equal-length digests, so timingSafeEqual can compare tokens of any length. */
function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}

function bearer(header: string | undefined): string | null {
  const match = /^token\s+(\S+)$/i.exec(header ?? '')
  return match?.[1] ?? null
}

/** The page URL with the token, as printed at start. */
export function withToken(url: string, token: string): string {
  const withParam = new URL(url)
  withParam.searchParams.set(TOKEN_PARAM, token)
  return withParam.href
}

/** The URL the page is sent to once its token is in the cookie: the same, without the token. */
export function withoutToken(url: URL): string {
  const bare = new URL(url.href)
  bare.searchParams.delete(TOKEN_PARAM)
  return `${bare.pathname}${bare.search}`
}
