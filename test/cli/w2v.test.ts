import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { REFERENCE_FIXTURE, readReferenceFixture } from '../support/sharedData'

const tmp = mkdtempSync(join(tmpdir(), 'w2v-cli-'))
function writeJson(name: string, value: unknown): string {
  const file = join(tmp, name)
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value))
  return file
}

describe('w2v gradcheck', () => {
  it('--json reports every check passed, with per-parameter results', async () => {
    const out = await runCli(['gradcheck', '--json'])
    expect(out.exitCode).toBe(0)
    const report = JSON.parse(out.stdout) as { passed: boolean; checks: { name: string; parameters: { name: string }[]; maxRelError: number; threshold: number; passed: boolean }[] }
    expect(report.passed).toBe(true)
    expect(report.checks).toHaveLength(25)
    for (const check of report.checks) {
      expect(check.passed).toBe(true)
      expect(check.maxRelError).toBeLessThan(check.threshold)
      expect(check.parameters.length).toBeGreaterThan(0)
    }
  })

  it('prints a table and a summary', async () => {
    const out = await runCli(['gradcheck'])
    expect(out.stdout).toMatch(/^problem\s+check\s+parameter\s+count\s+max rel error\s+threshold\s+result/)
    expect(out.stdout).toMatch(/All 25 gradient checks passed\./)
  })
})

describe('w2v check-fixture', () => {
  it('passes on the shared reference fixture', async () => {
    const out = await runCli(['check-fixture', REFERENCE_FIXTURE, '--json'])
    expect(out.exitCode).toBe(0)
    const report = JSON.parse(out.stdout) as { cases: { index: number; kind: string; maxAbsError: number; maxRelError: number }[]; worstRelError: number }
    expect(report.cases).toHaveLength(readReferenceFixture().cases.length)
    expect(report.worstRelError).toBeLessThan(1e-9)
  })

  it('fails (exit 1) when a value is off by more than 1e-9 relative', async () => {
    const fixture = readReferenceFixture()
    ;(fixture.cases[3]!.loss as number) *= 1 + 1e-8
    const out = await runCli(['check-fixture', writeJson('off.json', fixture)])
    expect(out.exitCode).toBe(1)
    expect(out.stdout).toMatch(/FAIL/)
  })

  it.each([
    ['a missing field', (f: { cases: Record<string, unknown>[] }) => delete f.cases[5]!.outsideVectors, /case 5 \(skipgram\): field "outsideVectors"/],
    ['an index out of range', (f: { cases: Record<string, unknown>[] }) => (f.cases[3]!.outsideWordIdx = 99), /case 3 \(naiveSoftmaxLossAndGradient\): field "outsideWordIdx" must be a word index from 0 to 4/],
    ['a ragged matrix', (f: { cases: Record<string, unknown>[] }) => (f.cases[6]!.centerWordVectors as number[][])[2]!.pop(), /case 6 \(cbow\): field "centerWordVectors"/],
    ['an unknown kind', (f: { cases: Record<string, unknown>[] }) => (f.cases[0]!.kind = 'tanh'), /case 0 \(tanh\): field "kind" must be one of/],
    ['negatives missing for one outside word', (f: { cases: Record<string, unknown>[] }) => (f.cases[8]!.negSampleWordIndices as unknown[]).pop(), /case 8 \(skipgram\): field "negSampleWordIndices"/],
  ])('rejects %s with one line naming the case and field, exit 2', async (_what, spoil, message) => {
    const fixture = readReferenceFixture()
    spoil(fixture)
    const out = await runCli(['check-fixture', writeJson('bad.json', fixture)])
    expect(out.exitCode).toBe(2)
    expect(out.stderr).toMatch(message)
    expect(out.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('rejects a file that is not JSON or does not exist, exit 2', async () => {
    expect((await runCli(['check-fixture', writeJson('not.json', '{ nope')])).stderr).toMatch(/is not valid JSON/)
    const missing = await runCli(['check-fixture', join(tmp, 'missing.json')])
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).toMatch(/cannot be read/)
  })
})

describe('w2v usage', () => {
  it('rejects an unknown command with the usage text, exit 2', async () => {
    for (const argv of [['train-everything'], []]) {
      const out = await runCli(argv)
      expect(out.exitCode).toBe(2)
      expect(out.stdout + out.stderr).toMatch(/Usage: w2v <command>/)
    }
  })

  it('prints each command\'s own usage for --help, exit 0', async () => {
    for (const command of ['gradcheck', 'check-fixture', 'train', 'export', 'convert', 'neighbors', 'analogy', 'eval']) {
      const out = await runCli([command, '--help'])
      expect(out.exitCode).toBe(0)
      expect(out.stdout).toMatch(new RegExp(`^Usage: w2v ${command} `))
    }
  })

  // The npm script's wiring (tsx on the sources, no build) is what is tested here; the command is
  // a quick one, since `gradcheck --json` itself is tested above (its 25 checks take 20 s or more).
  it('runs as `npm run --silent w2v -- check-fixture <file> --json` from a fresh install', () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
    const result = spawnSync(npm, ['run', '--silent', 'w2v', '--', 'check-fixture', REFERENCE_FIXTURE, '--json'], { encoding: 'utf8' })
    expect(result.status).toBe(0)
    const report = JSON.parse(result.stdout) as { cases: unknown[]; worstRelError: number }
    expect(report.cases).toHaveLength(readReferenceFixture().cases.length)
    expect(report.worstRelError).toBeLessThan(1e-9)
  })
})
