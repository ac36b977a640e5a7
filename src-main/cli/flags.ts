/** A command-line mistake: one line for the user, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

/**
 * A numeric flag with the bounds of the setting it feeds. Bounds come from the rule that
 * setting's own code enforces, so a flag is refused before any input is read rather than by
 * that code after a long read.
 */
export interface NumberFlag {
  readonly kind: 'number' | 'integer'
  readonly min?: number
  readonly max?: number
}

export type FlagKind = 'string' | 'number' | 'integer' | 'boolean' | readonly string[] | NumberFlag

export type FlagValues = Record<string, string | number | boolean | undefined>

function parseNumber(flag: string, raw: string, kind: NumberFlag): number {
  const value = Number(raw)
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${flag} needs a number, not "${raw}"`)
  if (kind.kind === 'integer' && !Number.isInteger(value)) throw new UsageError(`${flag} needs a whole number, not "${raw}"`)
  if (kind.min !== undefined && value < kind.min) throw new UsageError(`${flag} must be at least ${kind.min}, not ${raw}`)
  if (kind.max !== undefined && value > kind.max) throw new UsageError(`${flag} must be at most ${kind.max}, not ${raw}`)
  return value
}

/**
 * Parses `--name value` and `--name=value` flags (booleans take no value), and `-x value` for a
 * one-letter name, against a spec; anything unknown, missing a value, of the wrong type or out
 * of bounds is a UsageError naming the flag.
 */
export function parseFlags(argv: readonly string[], spec: Readonly<Record<string, FlagKind>>): { flags: FlagValues; positional: string[] } {
  const flags: FlagValues = {}
  const positional: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const short = /^-[a-zA-Z]$/.test(arg)
    if (!arg.startsWith('--') && !short) {
      positional.push(arg)
      continue
    }
    const eq = short ? -1 : arg.indexOf('=')
    const name = short ? arg.slice(1) : arg.slice(2, eq === -1 ? undefined : eq)
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined
    const flag = `${short ? '-' : '--'}${name}`
    if (kind === undefined) throw new UsageError(`unknown option ${flag}`)
    if (kind === 'boolean') {
      if (eq !== -1) throw new UsageError(`${flag} takes no value`)
      flags[name] = true
      continue
    }
    const raw = eq !== -1 ? arg.slice(eq + 1) : argv[++i]
    if (raw === undefined || (eq === -1 && raw.startsWith('--'))) throw new UsageError(`${flag} needs a value`)
    if (kind === 'string') flags[name] = raw
    else if (isChoice(kind)) {
      if (!kind.includes(raw)) throw new UsageError(`${flag} must be one of ${kind.join(', ')}, not "${raw}"`)
      flags[name] = raw
    } else flags[name] = parseNumber(flag, raw, typeof kind === 'string' ? { kind } : kind)
  }
  return { flags, positional }
}

function isChoice(kind: Exclude<FlagKind, 'string' | 'boolean'>): kind is readonly string[] {
  return Array.isArray(kind)
}

/** Refuses any number of positional arguments but `count`; `what` says what is expected. */
export function expectPositional(positional: readonly string[], count: number, what: string): void {
  if (positional.length !== count) throw new UsageError(`expected ${what}, got ${positional.length === 0 ? 'nothing' : positional.map((p) => `"${p}"`).join(' ')}`)
}
