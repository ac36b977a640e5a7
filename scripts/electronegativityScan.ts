/**
 * Electronegativity's checks over the built app, offline. Its own runner (and so its CLI)
 * first downloads translations, and its AVAILABLE_SECURITY_FIXES check downloads Electron's
 * release list; this drives the same parser, atomic checks and global checks without those
 * two, with sockets refused so that nothing else in its dependency tree reaches the network.
 * `eng-disable` comments in the code are not honoured: every review lives in the allowlist,
 * with its reason.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import net from 'node:net'
import { extname, join } from 'node:path'

/** The one global check that needs the network (Electron's release list from GitHub). */
const ONLINE_CHECK = 'availablesecurityfixesglobalcheck'

const SOURCE_EXTENSIONS = new Set(['.js', '.cjs', '.mjs', '.html', '.json'])

export interface Finding {
  /** Electronegativity's check id, e.g. SANDBOX_JS_CHECK. */
  readonly check: string
  /** Relative to the project, with forward slashes ('N/A' for a finding about the whole app). */
  readonly file: string
  readonly line: number
  readonly column: number
  readonly description: string
  readonly severity: string
  readonly confidence: string
}

export interface Scan {
  readonly toolVersion: string
  readonly files: readonly string[]
  readonly checks: { readonly atomic: number; readonly global: number }
  readonly findings: readonly Finding[]
  /** Files the parser could not read: their code went unchecked. */
  readonly unparsed: readonly { readonly file: string; readonly message: string }[]
}

export interface ScanOptions {
  /** The project folder; `targets` and the findings' files are relative to it. */
  readonly root: string
  /** Folders (scanned recursively) and files. */
  readonly targets: readonly string[]
  /** The Electron version whose defaults the checks assume for options the code leaves unset. */
  readonly electronVersion: string
}

// Electronegativity ships no types; these are the parts of its internals this file uses.
interface Issue {
  readonly id: string
  readonly file: string
  readonly location: { readonly line: number; readonly column: number }
  readonly description: string
  readonly severity: { readonly name: string }
  readonly confidence: { readonly name: string }
  /** Set by a global check that settled the finding, e.g. a permission handler that exists. */
  readonly visibility?: { readonly globalCheckDisabled?: boolean }
}
interface Parser {
  parse(file: string, content: Buffer): [type: number, data: unknown, content: string, warnings: unknown]
}
interface Finder {
  readonly _enabled_checks: readonly unknown[]
  find(file: string, data: unknown, type: number, content: string, onlyChecks: null, electronVersion: string): Promise<Issue[]>
}
interface GlobalChecks {
  readonly _enabled_checks: readonly unknown[]
  getResults(issues: Issue[]): Promise<Issue[]>
}
interface Electronegativity {
  readonly version: string
  readonly Parser: new (babelFirst: boolean, typescriptBabelFirst: boolean) => Parser
  readonly Finder: new (only: string[], exclude: string[]) => Finder
  readonly GlobalChecks: new (only: string[], exclude: string[]) => GlobalChecks
}

function refuseNetwork(): void {
  net.Socket.prototype.connect = function refused(): never {
    throw new Error('The Electronegativity audit tried to open a network connection; it must run offline.')
  } as typeof net.Socket.prototype.connect
}

function loadElectronegativity(): Electronegativity {
  const require = createRequire(import.meta.url)
  const manifest = require.resolve('@doyensec/electronegativity/package.json')
  const fromTool = createRequire(manifest)
  // The checks' descriptions come from i18n's global __(), set up here from the bundled English texts.
  const i18n = fromTool('i18n') as { configure(options: object): void }
  i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: join(manifest, '../dist/locales'), updateFiles: false, objectNotation: true, register: globalThis })
  const { Parser } = fromTool('./dist/parser') as Pick<Electronegativity, 'Parser'>
  const { Finder, GlobalChecks } = fromTool('./dist/finder') as Pick<Electronegativity, 'Finder' | 'GlobalChecks'>
  const { version } = fromTool('./package.json') as { version: string }
  return { version, Parser, Finder, GlobalChecks }
}

function sourceFiles(root: string, targets: readonly string[]): string[] {
  return targets.flatMap((target) => {
    if (!statSync(join(root, target)).isDirectory()) return [target]
    return (readdirSync(join(root, target), { recursive: true }) as string[])
      .map((name) => `${target}/${name.replaceAll('\\', '/')}`)
      .filter((file) => SOURCE_EXTENSIONS.has(extname(file)) && statSync(join(root, file)).isFile())
      .sort()
  })
}

export async function scanOffline(options: ScanOptions): Promise<Scan> {
  refuseNetwork()
  const tool = loadElectronegativity()
  const parser = new tool.Parser(false, true)
  const finder = new tool.Finder([], [])
  const globalChecks = new tool.GlobalChecks([], [ONLINE_CHECK])
  const files = sourceFiles(options.root, options.targets)
  const issues: Issue[] = []
  const unparsed: { file: string; message: string }[] = []
  for (const file of files) {
    try {
      // Its parser picks the language by extension and knows .js, not .cjs or .mjs.
      const [type, data, content] = parser.parse(file.replace(/\.[cm]js$/, '.js'), readFileSync(join(options.root, file)))
      if (data === null) continue
      issues.push(...await finder.find(file, data, type, content, null, options.electronVersion))
    } catch (error) {
      unparsed.push({ file, message: (error as Error).message })
    }
  }
  const settled = (issue: Issue): boolean => issue.visibility?.globalCheckDisabled === true
  const findings = (await globalChecks.getResults(issues)).filter((issue) => !settled(issue)).map((issue): Finding => ({
    check: issue.id,
    file: issue.file,
    line: issue.location.line,
    column: issue.location.column,
    description: issue.description,
    severity: issue.severity.name,
    confidence: issue.confidence.name,
  }))
  return { toolVersion: tool.version, files, checks: { atomic: finder._enabled_checks.length, global: globalChecks._enabled_checks.length }, findings, unparsed }
}
