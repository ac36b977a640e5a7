import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { type ReviewedFinding, describeFinding, parseAllowlist, reportLines, review } from '../../scripts/electronegativityReview'
import type { Finding } from '../../scripts/electronegativityScan'
import { ROOT } from '../release/builderConfig'

const run = promisify(execFile)
const ALLOWLIST = 'scripts/electronegativity-allowlist.json'
const REASON = 'Reviewed: the option comes from a constant the check cannot follow.'

const finding = (check: string, file: string, line: number): Finding => ({ check, file, line, column: 2, description: 'Review the use of openExternal', severity: 'MEDIUM', confidence: 'TENTATIVE' })
const entry = (check: string, file: string, count: number): ReviewedFinding => ({ check, file, count, reason: REASON })

describe('reviewing findings against the allowlist', () => {
  it('accepts up to the reviewed count per check and file; more are unreviewed', () => {
    const findings = [finding('OPEN_EXTERNAL_JS_CHECK', 'out/main/index.js', 40), finding('OPEN_EXTERNAL_JS_CHECK', 'out/main/index.js', 10), finding('OPEN_EXTERNAL_JS_CHECK', 'out/main/index.js', 90)]
    const result = review(findings, [entry('OPEN_EXTERNAL_JS_CHECK', 'out/main/index.js', 2)])
    expect(result.unreviewed).toEqual([findings[2]])
    expect(result.reviewed).toEqual([{ entry: entry('OPEN_EXTERNAL_JS_CHECK', 'out/main/index.js', 2), found: 2 }])
    expect(result.stale).toEqual([])
  })

  it('matches the check and the file, with * for a bundle\'s hash but not across folders', () => {
    const findings = [finding('SANDBOX_JS_CHECK', 'out/renderer/assets/index-AbC123.js', 1), finding('SANDBOX_JS_CHECK', 'out/renderer/assets/deep/index-x.js', 1), finding('PRELOAD_JS_CHECK', 'out/renderer/assets/index-AbC123.js', 1)]
    const result = review(findings, [entry('SANDBOX_JS_CHECK', 'out/renderer/assets/index-*.js', 5)])
    expect(result.unreviewed).toEqual([findings[1], findings[2]])
    expect(result.stale).toEqual([{ entry: entry('SANDBOX_JS_CHECK', 'out/renderer/assets/index-*.js', 5), found: 1 }])
  })

  it('reports each unreviewed finding with file:line:column, check id and a sentence, and summarises the reviewed ones', () => {
    const findings = [finding('OPEN_EXTERNAL_JS_CHECK', 'out/main/index.js', 12), finding('CSP_GLOBAL_CHECK', 'N/A', 0)]
    expect(describeFinding(findings[0]!)).toBe('out/main/index.js:12:2 OPEN_EXTERNAL_JS_CHECK (MEDIUM, TENTATIVE): Review the use of openExternal. See https://github.com/doyensec/electronegativity/wiki/OPEN_EXTERNAL_JS_CHECK')
    expect(describeFinding(findings[1]!)).toMatch(/^the whole app CSP_GLOBAL_CHECK /)
    const lines = reportLines(review(findings, [entry('CSP_GLOBAL_CHECK', 'N/A', 1)]), ALLOWLIST)
    expect(lines[0]).toBe(`1 finding reviewed in ${ALLOWLIST}:`)
    expect(lines).toContain('  ok  CSP_GLOBAL_CHECK ×1 in N/A')
    expect(lines).toContain('1 finding not reviewed:')
    expect(lines).toContain(`  ${describeFinding(findings[0]!)}`)
  })

  it('refuses an allowlist entry without a real reason, or listed twice, in one sentence', () => {
    expect(() => parseAllowlist({ reviewed: [{ check: 'SANDBOX_JS_CHECK', file: 'out/main/index.js', count: 1, reason: 'ok' }] }, 'list.json'))
      .toThrow('The allowlist list.json is not valid: reviewed.0.reason must explain the review in a sentence or more.')
    expect(() => parseAllowlist({ reviewed: [entry('SANDBOX_JS_CHECK', 'a.js', 1), entry('SANDBOX_JS_CHECK', 'a.js', 2)] }, 'list.json'))
      .toThrow('The allowlist list.json lists SANDBOX_JS_CHECK in a.js twice; merge the two entries.')
  })
})

describe('the checked-in allowlist', () => {
  it('is valid and names only files the app ships', () => {
    const entries = parseAllowlist(JSON.parse(readFileSync(join(ROOT, ALLOWLIST), 'utf8')), ALLOWLIST)
    expect(entries.length).toBeGreaterThan(0)
    for (const { file } of entries) {
      expect(file === 'package.json' || file === 'N/A' || file.startsWith('out/'), file).toBe(true)
      if (!file.includes('*') && file !== 'N/A') expect(existsSync(join(ROOT, file)), file).toBe(true)
    }
  })
})

describe('npm run audit:electron', () => {
  const folder = mkdtempSync(join(tmpdir(), 'w2v-eng-'))
  afterAll(() => rmSync(folder, { recursive: true, force: true }))

  it('fails on a finding nobody reviewed, naming it, and summarises the reviewed ones, offline and quickly', async () => {
    // The checked-in list without its SANDBOX_JS_CHECK review: that finding becomes unreviewed.
    const list = JSON.parse(readFileSync(join(ROOT, ALLOWLIST), 'utf8')) as { reviewed: ReviewedFinding[] }
    const withoutSandbox = join(folder, 'allowlist.json')
    writeFileSync(withoutSandbox, JSON.stringify({ reviewed: list.reviewed.filter((e) => e.check !== 'SANDBOX_JS_CHECK') }))
    const started = performance.now()
    const outcome = await run(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/electronegativity.ts'), '--allowlist', withoutSandbox], { cwd: ROOT })
      .then(() => ({ code: 0, stdout: '' }), (error: { code: number; stdout: string }) => error)
    expect(performance.now() - started).toBeLessThan(30_000)
    expect(outcome.code).toBe(1)
    expect(outcome.stdout).toMatch(/^Electronegativity \d+\.\d+\.\d+, offline: \d+ checks and 5 global checks over \d+ files/)
    expect(outcome.stdout).toMatch(/\n {2}out\/main\/index\.js:\d+:\d+ SANDBOX_JS_CHECK \(MEDIUM, FIRM\): Use sandbox for untrusted origins\. /)
    expect(outcome.stdout).toContain('  ok  CONTEXT_ISOLATION_JS_CHECK ×1 in out/main/index.js')
    expect(outcome.stdout).toContain('1 finding not reviewed:')
    // Electronegativity's own runner would have tried to download translations and said so.
    expect(outcome.stdout).not.toContain('translations')
  })
})
