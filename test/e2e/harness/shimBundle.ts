/**
 * Bundles the browser shim (shim.ts and the contract it imports) into one classic script, so
 * the page's CSP (`script-src 'self'`) lets the harness serve it like any of the app's files.
 * The Node side's versions are baked in: the shim reports them as `runtime` without asking.
 */
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import type { HostRuntime } from './shim'

export async function bundleShim(): Promise<string> {
  const host: HostRuntime = { node: process.versions.node, platform: process.platform }
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./shim.ts', import.meta.url))],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    define: { HARNESS_HOST_RUNTIME: JSON.stringify(host) },
    logLevel: 'silent',
  })
  const output = result.outputFiles[0]
  if (!output) throw new Error('esbuild produced no shim bundle.')
  return output.text
}
