/**
 * Which Electronegativity findings a person has reviewed: the checked-in allowlist names a
 * check, a file (`*` stands for any run of characters but '/', for hashed bundle names), how
 * many findings of that check the file had when it was reviewed, and why they are acceptable.
 * Findings beyond that count, or matching no entry, are unreviewed: the audit fails on them.
 */
import * as v from 'valibot'
import type { Finding } from './electronegativityScan'

const ReviewedFindingSchema = v.strictObject({
  check: v.pipe(v.string(), v.regex(/^[A-Z0-9_]+$/, 'must be a check id such as SANDBOX_JS_CHECK')),
  file: v.pipe(v.string(), v.minLength(1, 'must name a file')),
  count: v.pipe(v.number(), v.integer(), v.minValue(1, 'must be at least 1')),
  reason: v.pipe(v.string(), v.minLength(40, 'must explain the review in a sentence or more')),
})

const AllowlistSchema = v.strictObject({
  $comment: v.optional(v.string()),
  reviewed: v.array(ReviewedFindingSchema),
})

export type ReviewedFinding = v.InferOutput<typeof ReviewedFindingSchema>

/** The allowlist's entries; throws an Error whose message is one sentence naming the fault. */
export function parseAllowlist(json: unknown, source: string): ReviewedFinding[] {
  const parsed = v.safeParse(AllowlistSchema, json)
  if (!parsed.success) {
    const issue = parsed.issues[0]
    const where = issue.path?.map((item) => String(item.key)).join('.') ?? 'its top level'
    throw new Error(`The allowlist ${source} is not valid: ${where} ${issue.message}.`)
  }
  const seen = new Set<string>()
  for (const entry of parsed.output.reviewed) {
    const key = `${entry.check} ${entry.file}`
    if (seen.has(key)) throw new Error(`The allowlist ${source} lists ${entry.check} in ${entry.file} twice; merge the two entries.`)
    seen.add(key)
  }
  return parsed.output.reviewed
}

function filePattern(file: string): RegExp {
  return new RegExp(`^${file.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')}$`)
}

export interface Review {
  readonly reviewed: readonly { readonly entry: ReviewedFinding; readonly found: number }[]
  readonly unreviewed: readonly Finding[]
  /** Entries that matched fewer findings than they allow: the code changed since the review. */
  readonly stale: readonly { readonly entry: ReviewedFinding; readonly found: number }[]
}

export function review(findings: readonly Finding[], allowlist: readonly ReviewedFinding[]): Review {
  const byPosition = [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column)
  const claimed = new Set<Finding>()
  const reviewed: { entry: ReviewedFinding; found: number }[] = []
  const stale: { entry: ReviewedFinding; found: number }[] = []
  for (const entry of allowlist) {
    const pattern = filePattern(entry.file)
    const matches = byPosition.filter((finding) => finding.check === entry.check && pattern.test(finding.file))
    for (const finding of matches.slice(0, entry.count)) claimed.add(finding)
    if (matches.length > 0) reviewed.push({ entry, found: Math.min(matches.length, entry.count) })
    if (matches.length < entry.count) stale.push({ entry, found: matches.length })
  }
  return { reviewed, unreviewed: byPosition.filter((finding) => !claimed.has(finding)), stale }
}

const sentence = (text: string): string => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`)

/** One line per unreviewed finding: where, which check, what it means, where to read more. */
export function describeFinding(finding: Finding): string {
  const where = finding.file === 'N/A' ? 'the whole app' : `${finding.file}:${finding.line}:${finding.column}`
  return `${where} ${finding.check} (${finding.severity}, ${finding.confidence}): ${sentence(finding.description)} See https://github.com/doyensec/electronegativity/wiki/${finding.check}`
}

/** The report's lines: reviewed findings summarised, stale entries noted, unreviewed ones in full. */
export function reportLines(result: Review, allowlistPath: string): string[] {
  const total = result.reviewed.reduce((sum, { found }) => sum + found, 0)
  const lines = [`${total} finding${total === 1 ? '' : 's'} reviewed in ${allowlistPath}:`]
  for (const { entry, found } of result.reviewed) lines.push(`  ok  ${entry.check} ×${found} in ${entry.file}`)
  for (const { entry, found } of result.stale) {
    lines.push(`  note: ${entry.check} in ${entry.file} was reviewed ${entry.count}× but is found ${found}×; lower its count (or remove the entry) in ${allowlistPath}.`)
  }
  if (result.unreviewed.length === 0) return lines
  lines.push('', `${result.unreviewed.length} finding${result.unreviewed.length === 1 ? '' : 's'} not reviewed:`)
  for (const finding of result.unreviewed) lines.push(`  ${describeFinding(finding)}`)
  lines.push('', `Fix the code, or, if a finding is a false alarm, add { "check", "file", "count", "reason" } for it to ${allowlistPath}.`)
  return lines
}
