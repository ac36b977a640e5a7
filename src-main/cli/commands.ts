import { readFile } from 'node:fs/promises'
import { runGradientChecks } from '../core/index'
import { FixtureFormatError, checkFixture } from './fixtureCheck'
import { formatTable } from './table'

/** What a command prints and the process exit code it asks for. */
export interface CommandOutcome {
  readonly stdout: string
  readonly stderr: string
  readonly exitCode: number
}

export const EXIT_OK = 0
export const EXIT_FAILED = 1
export const EXIT_USAGE = 2

/** The fixture passes when no output is further than this from the float64 reference. */
export const FIXTURE_TOLERANCE = 1e-9

const sci = (x: number): string => x.toExponential(2)

export function gradcheckCommand(json: boolean): CommandOutcome {
  const report = runGradientChecks()
  const exitCode = report.passed ? EXIT_OK : EXIT_FAILED
  if (json) {
    const checks = report.checks.map((c) => ({
      name: `${c.name} (${c.problem})`,
      problem: c.problem,
      parameters: c.result.parameters,
      maxRelError: c.result.maxRelError,
      threshold: c.result.threshold,
      passed: c.result.passed,
    }))
    return { stdout: JSON.stringify({ passed: report.passed, checks }, null, 2) + '\n', stderr: '', exitCode }
  }
  const rows = report.checks.flatMap((c) =>
    c.result.parameters.map((p) => [c.problem, c.name, p.name, p.count, sci(p.maxRelError), sci(p.threshold), p.passed ? 'pass' : 'FAIL']),
  )
  const failed = report.checks.filter((c) => !c.result.passed).length
  const summary = report.passed
    ? `All ${report.checks.length} gradient checks passed.`
    : `${failed} of ${report.checks.length} gradient checks failed.`
  return {
    stdout: formatTable(['problem', 'check', 'parameter', 'count', 'max rel error', 'threshold', 'result'], rows) + `\n\n${summary}\n`,
    stderr: '',
    exitCode,
  }
}

export async function checkFixtureCommand(file: string | undefined, json: boolean): Promise<CommandOutcome> {
  if (!file) return { stdout: '', stderr: 'w2v check-fixture: name the fixture file, e.g. w2v check-fixture cs224n-reference.json\n', exitCode: EXIT_USAGE }
  let fixture: unknown
  try {
    fixture = JSON.parse(await readFile(file, 'utf8'))
  } catch (error) {
    const reason = error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : `it cannot be read (${(error as Error).message})`
    return { stdout: '', stderr: `w2v check-fixture: ${file}: ${reason}\n`, exitCode: EXIT_USAGE }
  }
  let report
  try {
    report = checkFixture(fixture)
  } catch (error) {
    if (error instanceof FixtureFormatError) return { stdout: '', stderr: `w2v check-fixture: ${file}: ${error.message}\n`, exitCode: EXIT_USAGE }
    throw error
  }
  const passed = report.worstRelError < FIXTURE_TOLERANCE
  const exitCode = passed ? EXIT_OK : EXIT_FAILED
  if (json) {
    return { stdout: JSON.stringify({ cases: report.cases, worstAbsError: report.worstAbsError, worstRelError: report.worstRelError, tolerance: FIXTURE_TOLERANCE, passed }, null, 2) + '\n', stderr: '', exitCode }
  }
  const rows = report.cases.map((c) => [c.index, c.kind, sci(c.maxAbsError), sci(c.maxRelError), c.maxRelError < FIXTURE_TOLERANCE ? 'pass' : 'FAIL'])
  const summary = `${report.cases.length} cases; worst absolute error ${sci(report.worstAbsError)}, worst relative error ${sci(report.worstRelError)} ` +
    (passed ? `(below ${sci(FIXTURE_TOLERANCE)}: pass).` : `(not below ${sci(FIXTURE_TOLERANCE)}: FAIL).`)
  return { stdout: formatTable(['case', 'kind', 'max abs error', 'max rel error', 'result'], rows) + `\n\n${summary}\n`, stderr: '', exitCode }
}
