/**
 * Runs electron-builder for real on electron-builder.config.ts — a Linux folder build (`--dir`) —
 * around a stand-in Electron: a small file with Electron's fuse wire in it instead of the
 * 100 MB binary, passed as electronDist, so nothing is downloaded. What comes out is the
 * packaged app as users get it (app.asar, extra resources, flipped fuses) minus a runnable
 * executable.
 */
import { execFile } from 'node:child_process'
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { CONFIG_FILE, ROOT } from './builderConfig'

const run = promisify(execFile)

/** Marks the fuse wire in Electron's binary; @electron/fuses looks for it. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSE_WIRE_VERSION = 1

/** Electron's fuse order, and the states it ships with ('1' on, '0' off). */
export const FUSES = [
  ['runAsNode', '1'],
  ['enableCookieEncryption', '0'],
  ['enableNodeOptionsEnvironmentVariable', '1'],
  ['enableNodeCliInspectArguments', '1'],
  ['enableEmbeddedAsarIntegrityValidation', '0'],
  ['onlyLoadAppFromAsar', '0'],
  ['loadBrowserProcessSpecificV8Snapshot', '0'],
  ['grantFileProtocolExtraPrivileges', '1'],
] as const

function writeStandInElectron(folder: string): void {
  mkdirSync(join(folder, 'locales'), { recursive: true })
  const wire = FUSES.map(([, state]) => state).join('')
  const binary = Buffer.concat([Buffer.from(`#!/bin/sh\n# stand-in for Electron ${FUSE_SENTINEL}`), Buffer.from([FUSE_WIRE_VERSION, wire.length]), Buffer.from(`${wire}\n`)])
  writeFileSync(join(folder, 'electron'), binary)
  chmodSync(join(folder, 'electron'), 0o755)
  writeFileSync(join(folder, 'LICENSE'), 'stand-in')
}

/** The fuse states burnt into a packaged executable, by name. */
export function readFuses(executable: string): Record<string, string> {
  const binary = readFileSync(executable)
  const at = binary.indexOf(FUSE_SENTINEL) + FUSE_SENTINEL.length
  const length = binary[at + 1] ?? 0
  const states = binary.subarray(at + 2, at + 2 + length).toString('latin1')
  return Object.fromEntries(FUSES.map(([name], i) => [name, states[i] ?? '?']))
}

export interface StandInPackage {
  /** The folder electron-builder made (linux-unpacked). */
  readonly appDir: string
  /** What process.resourcesPath is in the packaged app. */
  readonly resourcesPath: string
  readonly executable: string
  /** electron-builder's log, for failure messages. */
  readonly log: string
}

/** Packs the built app (`npm run build` and `npm run icons` first) into `workDir`. */
export async function packStandIn(workDir: string): Promise<StandInPackage> {
  const electronDist = join(workDir, 'stand-in-electron')
  writeStandInElectron(electronDist)
  const output = join(workDir, 'dist')
  const { stdout, stderr } = await run(process.execPath, [
    join(ROOT, 'node_modules/electron-builder/cli.js'),
    '--projectDir', ROOT, '--config', CONFIG_FILE, '--linux', 'dir', '--x64', '--publish', 'never',
    `-c.electronDist=${electronDist}`, `-c.directories.output=${output}`,
  ], { cwd: ROOT, env: { ...process.env, W2V_E2E_BUILD: '' }, maxBuffer: 64 * 1024 * 1024 })
  const appDir = join(output, 'linux-unpacked')
  return { appDir, resourcesPath: join(appDir, 'resources'), executable: join(appDir, 'word2vec-studio'), log: stdout + stderr }
}
