import { readFile } from 'node:fs/promises'
import { runGradientChecks } from '../core/index'
import { corpusGradientChecks } from './corpusGradientCheck'
import { FixtureFormatError, checkFixture } from './fixtureCheck'
import { UsageError, expectPositional, parseFlags } from './flags'
import { formatTable } from './table'
import type { CliIo } from './trainCommand'

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

export const GRADCHECK_USAGE = `Usage: w2v gradcheck [--corpus <file> [--checkpoint <file>]] [--seed N] [--json]
  check every loss and model gradient against centred differences on the course's problems;
  --corpus adds a minibatch of that corpus's windows, at the checkpoint's parameters (else at the course's start)`

const COURSE_SEED = 31415

export async function gradcheckCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, { json: 'boolean', corpus: 'string', checkpoint: 'string', seed: 'integer' })
  expectPositional(positional, 0, 'no positional arguments')
  const corpusPath = flags.corpus as string | undefined
  const checkpointPath = flags.checkpoint as string | undefined
  if (checkpointPath !== undefined && corpusPath === undefined) throw new UsageError('--checkpoint needs --corpus <file>: the corpus check draws its windows from the run’s corpus')
  const seed = (flags.seed as number | undefined) ?? COURSE_SEED
  const course = runGradientChecks(seed)
  const checks = corpusPath === undefined ? course.checks : [...course.checks, ...(await corpusGradientChecks(corpusPath, checkpointPath, seed))]
  const report = { passed: checks.every((c) => c.result.passed), checks }
  const exitCode = report.passed ? EXIT_OK : EXIT_FAILED
  if (flags.json === true) {
    const checks = report.checks.map((c) => ({
      name: `${c.name} (${c.problem})`,
      problem: c.problem,
      parameters: c.result.parameters,
      maxRelError: c.result.maxRelError,
      threshold: c.result.threshold,
      passed: c.result.passed,
    }))
    io.stdout(JSON.stringify({ passed: report.passed, checks }, null, 2) + '\n')
    return exitCode
  }
  const rows = report.checks.flatMap((c) =>
    c.result.parameters.map((p) => [c.problem, c.name, p.name, p.count, sci(p.maxRelError), sci(p.threshold), p.passed ? 'pass' : 'FAIL']),
  )
  const failed = report.checks.filter((c) => !c.result.passed).length
  const summary = report.passed
    ? `All ${report.checks.length} gradient checks passed.`
    : `${failed} of ${report.checks.length} gradient checks failed.`
  io.stdout(formatTable(['problem', 'check', 'parameter', 'count', 'max rel error', 'threshold', 'result'], rows) + `\n\n${summary}\n`)
  return exitCode
}

export const CHECK_FIXTURE_USAGE = 'Usage: w2v check-fixture <file.json> [--json]   compare the float64 core with a reference fixture'

async function readFixture(file: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new UsageError(`${file}: it cannot be read (${(error as Error).message})`)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new FixtureFormatError(`${file}: it is not valid JSON (${(error as Error).message})`)
  }
}

export async function checkFixtureCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, { json: 'boolean' })
  if (positional.length === 0) throw new UsageError('name the fixture file, e.g. w2v check-fixture cs224n-reference.json')
  expectPositional(positional, 1, 'one fixture file')
  const file = positional[0]!
  const fixture = await readFixture(file)
  let report
  try {
    report = checkFixture(fixture)
  } catch (error) {
    if (error instanceof FixtureFormatError) throw new FixtureFormatError(`${file}: ${error.message}`)
    throw error
  }
  const passed = report.worstRelError < FIXTURE_TOLERANCE
  const exitCode = passed ? EXIT_OK : EXIT_FAILED
  if (flags.json === true) {
    io.stdout(JSON.stringify({ cases: report.cases, worstAbsError: report.worstAbsError, worstRelError: report.worstRelError, tolerance: FIXTURE_TOLERANCE, passed }, null, 2) + '\n')
    return exitCode
  }
  const rows = report.cases.map((c) => [c.index, c.kind, sci(c.maxAbsError), sci(c.maxRelError), c.maxRelError < FIXTURE_TOLERANCE ? 'pass' : 'FAIL'])
  const summary = `${report.cases.length} cases; worst absolute error ${sci(report.worstAbsError)}, worst relative error ${sci(report.worstRelError)} ` +
    (passed ? `(below ${sci(FIXTURE_TOLERANCE)}: pass).` : `(not below ${sci(FIXTURE_TOLERANCE)}: FAIL).`)
  io.stdout(formatTable(['case', 'kind', 'max abs error', 'max rel error', 'result'], rows) + `\n\n${summary}\n`)
  return exitCode
}
