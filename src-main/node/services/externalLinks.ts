/**
 * The only addresses the app opens in the user's browser: https pages about what the app does.
 * Anything else — another site, plain http, a file: or javascript: URL, credentials or an odd
 * port in the address — is refused, whether it comes from the window (a link, window.open, the
 * openExternal call) or from a page that managed to load in it.
 *
 * | host | paths | why |
 * |---|---|---|
 * | projector.tensorflow.org | all | the Embedding Projector, which reads our projector export |
 * | radimrehurek.com | /gensim/ | gensim's Word2Vec and KeyedVectors documentation |
 * | web.stanford.edu | /class/cs224n/ | the CS224n course the math follows |
 * | arxiv.org | /abs/1301.3781, /abs/1310.4546 | the two word2vec papers |
 * | github.com | /tmikolov/word2vec, /piskvorky/gensim, /stdlib-js/datasets-moby-dick | the original code, gensim, the built-in corpus |
 */
export interface AllowedSite {
  readonly host: string
  /** Path prefixes, each matched on whole segments ("/gensim/" does not allow "/gensimx"). */
  readonly paths: readonly string[]
}

export const ALLOWED_SITES: readonly AllowedSite[] = [
  { host: 'projector.tensorflow.org', paths: ['/'] },
  { host: 'radimrehurek.com', paths: ['/gensim/'] },
  { host: 'web.stanford.edu', paths: ['/class/cs224n/'] },
  { host: 'arxiv.org', paths: ['/abs/1301.3781', '/abs/1310.4546'] },
  { host: 'github.com', paths: ['/tmikolov/word2vec', '/piskvorky/gensim', '/stdlib-js/datasets-moby-dick'] },
]

/** The Help menu's links; each one is on the allowlist. */
export const HELP_LINKS = [
  { label: 'CS224n: Natural Language Processing with Deep Learning', url: 'https://web.stanford.edu/class/cs224n/' },
  { label: 'gensim Word2Vec Documentation', url: 'https://radimrehurek.com/gensim/models/word2vec.html' },
  { label: 'TensorFlow Embedding Projector', url: 'https://projector.tensorflow.org/' },
] as const

function pathAllowed(pathname: string, prefix: string): boolean {
  if (prefix.endsWith('/')) return pathname.startsWith(prefix)
  return pathname === prefix || pathname.startsWith(`${prefix}/`)
}

/** The normalized address when it may be opened, otherwise one sentence saying why not. */
export function checkExternalUrl(address: string): { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: string } {
  let url: URL
  try {
    url = new URL(address)
  } catch {
    return { ok: false, reason: `“${address}” is not a web address.` }
  }
  if (url.protocol !== 'https:') return { ok: false, reason: `Only https links open from the app; “${address}” is not one.` }
  if (url.username || url.password || url.port) return { ok: false, reason: `Links with a user name, password or port do not open from the app: “${address}”.` }
  const site = ALLOWED_SITES.find((s) => s.host === url.hostname)
  if (!site || !site.paths.some((prefix) => pathAllowed(url.pathname, prefix))) {
    return { ok: false, reason: `“${address}” is not on the app's list of documentation and tool sites, so it was not opened.` }
  }
  return { ok: true, url: url.href }
}
