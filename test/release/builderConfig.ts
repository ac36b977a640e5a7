/**
 * The packaging configuration as electron-builder itself reads it: electron-builder.config.ts
 * through electron-builder's own loader (which compiles TypeScript with jiti), so a file it
 * could not load fails here rather than on a release machine.
 */
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { getConfig } from 'app-builder-lib/out/util/config/load'
import type { Configuration } from 'electron-builder'

export const ROOT = resolve(import.meta.dirname, '../..')

/** The file `npm run dist` passes to electron-builder with --config. */
export const CONFIG_FILE = 'electron-builder.config.ts'

export async function loadBuilderConfig(): Promise<Configuration> {
  const read = await getConfig<Configuration>({ packageKey: 'build', configFilename: 'electron-builder', projectDir: ROOT, packageMetadata: null }, CONFIG_FILE)
  if (!read) throw new Error(`electron-builder found no configuration in ${CONFIG_FILE}.`)
  return read.result
}

export interface ProjectManifest {
  readonly version: string
  readonly homepage?: string
  readonly author?: string | { readonly name?: string; readonly email?: string }
  readonly dependencies: Record<string, string>
  readonly scripts: Record<string, string>
}

export function projectManifest(): ProjectManifest {
  return JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as ProjectManifest
}
