/**
 * The About box's list of what the app is built from: the app's runtime dependencies, each
 * with the version and license its own package.json states. Read at run time from the
 * installed packages, so the list cannot drift from what ships.
 */
import { readFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'

export interface PackageLicense {
  readonly name: string
  readonly version: string
  readonly license: string
}

interface PackageJson {
  readonly name?: unknown
  readonly version?: unknown
  readonly license?: unknown
  readonly dependencies?: Record<string, unknown>
}

async function readJson(path: string): Promise<PackageJson | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as PackageJson
  } catch {
    return null
  }
}

/** package.json files from `folder` up to the root, nearest first. */
function* upwards(folder: string, ...rest: string[]): Generator<string> {
  for (let current = folder; ; current = dirname(current)) {
    yield join(current, ...rest)
    if (dirname(current) === current) return
  }
}

/**
 * The licenses of the dependencies of the nearest package.json above `appFolder` (the app's
 * own), resolved through node_modules the way Node resolves them. Packages that cannot be
 * found are left out rather than guessed.
 */
export async function readDependencyLicenses(appFolder: string): Promise<PackageLicense[]> {
  let app: PackageJson | null = null
  let appRoot = appFolder
  for (const candidate of upwards(appFolder, 'package.json')) {
    app = await readJson(candidate)
    if (app) {
      appRoot = dirname(candidate)
      break
    }
  }
  const licenses: PackageLicense[] = []
  for (const name of Object.keys(app?.dependencies ?? {}).sort()) {
    for (const candidate of upwards(appRoot, 'node_modules', name, 'package.json')) {
      const pkg = await readJson(candidate)
      if (!pkg) continue
      licenses.push({
        name,
        version: typeof pkg.version === 'string' ? pkg.version : 'unknown',
        license: typeof pkg.license === 'string' ? pkg.license : 'see the package',
      })
      break
    }
  }
  return licenses
}
