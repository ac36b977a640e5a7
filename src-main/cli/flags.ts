/** A command-line mistake: one line for the user, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
}

export type FlagKind = 'string' | 'number' | 'integer' | 'boolean' | readonly string[]

export type FlagValues = Record<string, string | number | boolean | undefined>

/**
 * Parses `--name value` and `--name=value` flags (booleans take no value), and `-x value` for a
 * one-letter name, against a spec; anything unknown, missing a value or of the wrong type is a
 * UsageError naming the flag.
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
    const kind = spec[name]
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
    else if (Array.isArray(kind)) {
      if (!kind.includes(raw)) throw new UsageError(`${flag} must be one of ${kind.join(', ')}, not "${raw}"`)
      flags[name] = raw
    } else {
      const value = Number(raw)
      if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`${flag} needs a number, not "${raw}"`)
      if (kind === 'integer' && !Number.isInteger(value)) throw new UsageError(`${flag} needs a whole number, not "${raw}"`)
      flags[name] = value
    }
  }
  return { flags, positional }
}
