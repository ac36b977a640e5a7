/**
 * `npm run audit:electron` (or `tsx scripts/electronegativity.ts [--allowlist file]`): runs
 * Electronegativity's offline checks over what the app ships — the built out/main, out/preload,
 * out/renderer and package.json (`npm run build` first) — and fails only on findings nobody
 * has reviewed. Electronegativity is advisory and unmaintained, so its findings are reviewed
 * once, and the reason kept, in scripts/electronegativity-allowlist.json.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { parseAllowlist, reportLines, review } from './electronegativityReview'
import { scanOffline } from './electronegativityScan'

const root = fileURLToPath(new URL('..', import.meta.url))

/** What electron-builder.config.ts packs into app.asar, less the .wasm kernels (no JavaScript in them). */
const SHIPPED = ['out/main', 'out/preload', 'out/renderer', 'package.json']

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new Error(`The ${what} ${relative(root, path)} cannot be read: ${(error as Error).message}.`, { cause: error })
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { allowlist: { type: 'string', default: join(root, 'scripts/electronegativity-allowlist.json') } } })
  const allowlistPath = values.allowlist
  const missing = SHIPPED.filter((target) => !existsSync(join(root, target)))
  if (missing.length > 0) throw new Error(`There is nothing to audit yet (${missing.join(', ')} missing): run \`npm run build\` first.`)
  const allowlist = parseAllowlist(readJson(allowlistPath, 'allowlist'), relative(root, allowlistPath))
  const electron = readJson(join(root, 'node_modules/electron/package.json'), 'Electron manifest') as { version: string }

  const started = performance.now()
  const scan = await scanOffline({ root, targets: SHIPPED, electronVersion: electron.version })
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  console.log(`Electronegativity ${scan.toolVersion}, offline: ${scan.checks.atomic} checks and ${scan.checks.global} global checks over ${scan.files.length} files (${SHIPPED.join(', ')}), assuming Electron ${electron.version}'s defaults, in ${seconds} s.`)

  const result = review(scan.findings, allowlist)
  for (const line of reportLines(result, relative(root, allowlistPath))) console.log(line)
  for (const { file, message } of scan.unparsed) console.error(`${file} could not be parsed, so it was not checked: ${message}`)
  return result.unreviewed.length > 0 || scan.unparsed.length > 0 ? 1 : 0
}

main().then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error((error as Error).message)
    process.exitCode = 1
  },
)
