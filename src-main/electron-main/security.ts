/**
 * The window's security policy in one place: the Content-Security-Policy (also in
 * src-renderer/index.html, so it holds even where the header is not applied, as for file://
 * pages on some platforms), what counts as the app's own page, and a session that grants the
 * page no permissions (camera, notifications, geolocation…) it never needs.
 */
import type { Session } from 'electron'

/** The policy index.html's meta tag carries: everything a meta tag can express. */
export const META_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Vue's scoped styles and ECharts set inline styles.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ')

/** The header adds frame-ancestors, which browsers ignore (and Chromium reports as an error) in a meta tag. */
export const CONTENT_SECURITY_POLICY = `${META_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`

/** Whether `url` is the app's page (same scheme, host and path as `pageUrl`; query and fragment aside). */
export function isAppPage(url: string, pageUrl: string): boolean {
  try {
    const a = new URL(url)
    const b = new URL(pageUrl)
    return a.protocol === b.protocol && a.host === b.host && a.pathname === b.pathname
  } catch {
    return false
  }
}

/** The URL patterns the app's documents are served from, for the session's header hook. */
export function appPagePatterns(pageUrl: string): string[] {
  const url = new URL(pageUrl)
  return url.protocol === 'file:' ? ['file://*/*'] : [`${url.origin}/*`]
}

export function hardenSession(session: Session, pageUrl: string): void {
  session.webRequest.onHeadersReceived({ urls: appPagePatterns(pageUrl) }, (details, callback) => {
    if (details.resourceType !== 'mainFrame' && details.resourceType !== 'subFrame') return callback({})
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } })
  })
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}
