/**
 * Where the Electron binary is, or why there is none. ELECTRON_EXEC_PATH wins; otherwise the
 * `electron` package's export, which is the binary's path when its postinstall downloaded it
 * and throws when it did not (ELECTRON_SKIP_BINARY_DOWNLOAD, as on our build machines).
 */
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

export type ElectronBinary = { readonly path: string; readonly reason?: undefined } | { readonly path: null; readonly reason: string }

export function findElectronBinary(): ElectronBinary {
  const fromEnv = process.env.ELECTRON_EXEC_PATH
  if (fromEnv) {
    return existsSync(fromEnv) ? { path: fromEnv } : { path: null, reason: `ELECTRON_EXEC_PATH is set to "${fromEnv}", which does not exist.` }
  }
  let resolved: unknown
  try {
    resolved = createRequire(import.meta.url)('electron')
  } catch (error) {
    return { path: null, reason: `the electron package has no binary (${(error as Error).message}); set ELECTRON_EXEC_PATH or install without ELECTRON_SKIP_BINARY_DOWNLOAD.` }
  }
  if (typeof resolved === 'string' && existsSync(resolved)) return { path: resolved }
  return { path: null, reason: `the electron package points at "${String(resolved)}", which does not exist.` }
}
