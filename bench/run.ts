/**
 * `npm run bench`: issue 3 §5, and with --scale the scale tier of issue 13 §6 (a generated
 * corpus, 1 epoch, figures without targets). Prepares the corpus once, runs every engine one
 * after another (never in parallel: the machine has two cores) through bench/measure.py, scores all vectors
 * with gensim, prints the table and the targets, writes the results as JSON. Exit code 1 when a
 * target fails or ours could not run, 2 on a usage or setup error.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { ensureCorpus, ensureScaleCorpus } from './corpusCache'
import { type CourseRow, courseCommand, courseRow, ensureCourseCorpus, formatCourseTable } from './courseTier'
import { type EngineContext, ENGINE_LABELS, SCALE_EPOCHS, SETTINGS, engineCommand, missingSummaryFields, unavailableReason } from './engines'
import { type EvaluationData, evaluateVectors, evaluationData } from './evaluate'
import { type Measurement, failureReason, lastJsonLine, measureCommand } from './measure'
import { type MemoryRunRow, formatMemoryRun, memoryRunCheck } from './memoryRun'
import { BENCH_USAGE, type BenchOptions, type EngineId, MEMORY_RUN_FACTOR, parseBenchArgs, runsFor, threadCounts } from './options'
import type { ScaleCorpusSpec } from './scaleCorpus'
import { formatNotes, formatQualityErrors, formatResultsTable, formatTargets } from './report'
import { BUSY_MACHINE_SHARE, type MeasuredRow, type Quality, type ResultRow, checkTargets, exitCodeFor, meanQuality, measuredRow, oursRanCheck, threadsLabel } from './results'

const benchDir = import.meta.dirname
const repoRoot = resolve(benchDir, '..')
/** Corpus, vectors, logs and results: bench/.cache/ (gitignored). */
const cacheDir = join(benchDir, '.cache')
const cores = cpus().length
const log = (line: string): void => { process.stderr.write(`[bench] ${line}\n`) }

/** All repeats of one engine at one thread count, as a table row. */
async function runEngine(engine: EngineId, threads: number, corpus: { file: string; tokens: number }, epochs: number, context: EngineContext, repeat: number): Promise<ResultRow> {
  const missing = unavailableReason(engine, context)
  if (missing !== null) return { status: 'unavailable', engine, threads, reason: missing }
  const runs: Measurement[] = []
  const vectorsFiles: string[] = []
  let engineReport: unknown
  for (let r = 1; r <= repeat; r++) {
    const command = engineCommand(engine, threads, corpus.file, context, r, epochs)
    log(`${ENGINE_LABELS[engine]} · ${threadsLabel(threads)}${repeat > 1 ? ` · run ${r}/${repeat} (seed ${SETTINGS.seed + r - 1})` : ''}`)
    // A stale file from an earlier run must never pass for this run's output.
    for (const file of [command.vectorsFile, ...command.extraFiles]) rmSync(file, { force: true })
    const m = await measureCommand(context.python, benchDir, command.argv, join(cacheDir, 'logs', `${engine}-t${threads}-r${r}`), repoRoot, log)
    if (m.exitCode !== 0 || !existsSync(command.vectorsFile)) {
      const reason = m.exitCode !== 0 ? failureReason(m, readFileSync(m.stderrFile, 'utf8')) : `no vectors were written to ${relative(repoRoot, command.vectorsFile)}`
      log(`  failed: ${reason} (log: ${relative(repoRoot, m.stderrFile)})`)
      return { status: 'unavailable', engine, threads, reason }
    }
    for (const file of command.extraFiles) rmSync(file, { force: true })
    runs.push(m)
    vectorsFiles.push(command.vectorsFile)
    engineReport = lastJsonLine(readFileSync(m.stdoutFile, 'utf8'))
    const missingFields = engine === 'ours' || engine === 'ours-corpusfile-rate' ? missingSummaryFields(engineReport) : []
    if (missingFields.length > 0) log(`  warning: the last stdout line of w2v train --json lacks ${missingFields.join(', ')}`)
    const busy = m.otherCpuSeconds === null ? 0 : m.otherCpuSeconds / (m.wallSeconds * cores)
    log(`  ${m.wallSeconds.toFixed(1)} s, peak ${(m.maxRssKiB / 1024).toFixed(0)} MiB${busy > BUSY_MACHINE_SHARE ? `; other processes used ${(busy * 100).toFixed(0)}% of the CPU meanwhile` : ''}`)
  }
  return measuredRow(engine, threads, runs, { corpusTokens: corpus.tokens, epochs, cores, vectorsFiles, engineReport })
}

/** The scale tier's vocabulary at min-count 5, as each engine reported it (the table's corpus is made up, so it is not known beforehand). */
function vocabularyLine(rows: readonly MeasuredRow[]): string {
  const vocab = (row: MeasuredRow): string => {
    const report = row.engineReport as { vocab?: unknown } | undefined
    return typeof report?.vocab === 'number' ? report.vocab.toLocaleString('en-US') : '?'
  }
  return `vocabulary at min-count ${SETTINGS.minCount}: ${rows.map((r) => `${ENGINE_LABELS[r.engine]} ${vocab(r)}`).join(', ')}`
}

function busyWarning(rows: readonly ResultRow[]): string {
  const busy = rows.filter((r): r is MeasuredRow => r.status === 'ok' && (r.otherCpuShare ?? 0) > BUSY_MACHINE_SHARE)
  if (busy.length === 0) return ''
  const list = busy.map((r) => `${ENGINE_LABELS[r.engine]} at ${threadsLabel(r.threads)} (${((r.otherCpuShare ?? 0) * 100).toFixed(0)}%)`).join(', ')
  return `\nWarning: other processes used more than ${BUSY_MACHINE_SHARE * 100}% of the CPU during ${list}; those figures are slower than on a quiet machine. Rerun when it is idle, or use --repeat.\n`
}

/** Ours on the scale corpus and on one MEMORY_RUN_FACTOR times as long; exit code as for the tiers. */
async function memoryRun(options: BenchOptions, spec: ScaleCorpusSpec, context: EngineContext): Promise<number> {
  const rows: MemoryRunRow[] = []
  for (const tokens of [spec.tokens, spec.tokens * MEMORY_RUN_FACTOR]) {
    const corpus = ensureScaleCorpus(cacheDir, { ...spec, tokens }, log)
    log(`memory run: ${relative(repoRoot, corpus.file)} (${corpus.tokens.toLocaleString('en-US')} tokens)`)
    const row = await runEngine('ours', options.threads, corpus, SCALE_EPOCHS, context, 1)
    if (row.status !== 'ok') {
      log(`ours could not run: ${row.reason}`)
      return 1
    }
    const vocab = (row.engineReport as { vocab?: unknown } | undefined)?.vocab
    rows.push({ tokens: corpus.tokens, vocab: typeof vocab === 'number' ? vocab : null, wallSeconds: row.wallSeconds, peakMiB: row.peakMiB })
  }
  const check = memoryRunCheck(rows[0]!, rows[1]!)
  process.stdout.write([
    '',
    `word2vec benchmark: memory run, ours alone, ${spec.kind} corpora over ${spec.types.toLocaleString('en-US')} types (corpus seed ${spec.seed}), ${threadsLabel(options.threads)}, ${SCALE_EPOCHS} epoch, the scale tier's settings`,
    '',
    formatMemoryRun(rows),
    '',
    'peak MiB = the process tree\'s peak resident memory (getrusage RUSAGE_CHILDREN ru_maxrss).',
    '',
    formatTargets([check]),
    '',
  ].join('\n'))
  return exitCodeFor([check])
}

/** The course tier: ours on the course's schedule, one run per seed; exit code 1 when a run fails. */
async function courseTier(options: BenchOptions, context: EngineContext): Promise<number> {
  const corpus = ensureCourseCorpus(cacheDir, log)
  const rows: CourseRow[] = []
  for (let r = 1; r <= options.repeat; r++) {
    const seed = 31415 + r - 1
    const out = join(context.vectorsDir, `course-r${r}.txt`)
    rmSync(out, { force: true })
    log(`course · run ${r}/${options.repeat} (seed ${seed})`)
    const m = await measureCommand(context.python, benchDir, courseCommand(repoRoot, corpus.file, out, seed), join(cacheDir, 'logs', `course-r${r}`), repoRoot, log)
    if (m.exitCode !== 0 || !existsSync(out)) {
      log(`  failed: ${failureReason(m, readFileSync(m.stderrFile, 'utf8'))} (log: ${relative(repoRoot, m.stderrFile)})`)
      return 1
    }
    rows.push(courseRow(seed, m.wallSeconds, m.maxRssKiB, lastJsonLine(readFileSync(m.stdoutFile, 'utf8')) as Record<string, unknown>))
    log(`  ${m.wallSeconds.toFixed(1)} s, peak ${(m.maxRssKiB / 1024).toFixed(0)} MiB`)
  }
  process.stdout.write(`\n${formatCourseTable(rows, corpus)}\n\nwall s = the whole command (reading included); iterations/s = iterations per training second; peak MiB as the other tiers.\n`)
  return 0
}

async function bench(options: BenchOptions): Promise<number> {
  const python = spawnSync(options.python, ['--version'], { encoding: 'utf8' })
  if (python.error || python.status !== 0) {
    log(`The benchmark measures every engine with bench/measure.py and needs Python 3 at ${options.python}; pass --python <path>.`)
    return 2
  }
  const scale = options.scale
  const context: EngineContext = { repoRoot, benchDir, python: options.python, vectorsDir: join(cacheDir, 'vectors'), loss: options.loss }
  mkdirSync(context.vectorsDir, { recursive: true })
  if (options.course) return courseTier(options, context)
  mkdirSync(join(cacheDir, 'logs'), { recursive: true })
  if (scale !== null && options.memoryRun) return memoryRun(options, scale, context)
  const corpus = scale === null ? ensureCorpus(cacheDir, log) : ensureScaleCorpus(cacheDir, scale, log)
  // The scale tier's made-up words have no WordSim file, and a zipf corpus no analogy questions either.
  const questions = 'questionsFile' in corpus && corpus.questionCount > 0 ? corpus.questionsFile : null
  if (scale?.kind === 'planted' && questions === null) log('the corpus is too short for its planted words to pass min-count 5: no analogy questions, no quality figures')
  const data: EvaluationData | null = scale === null ? evaluationData(repoRoot) : questions === null ? null : { analogies: questions, wordsim: null }
  const epochs = scale === null ? SETTINGS.epochs : SCALE_EPOCHS
  log(`corpus: ${relative(repoRoot, corpus.file)} (${corpus.tokens.toLocaleString('en-US')} tokens, ${corpus.lines.toLocaleString('en-US')} lines)`)

  const startedAt = new Date()
  const loadAtStart = loadavg()
  const rows: ResultRow[] = []
  for (const threads of threadCounts(options)) {
    for (const engine of options.engines) rows.push(await runEngine(engine, threads, corpus, epochs, context, runsFor(engine, threads, options)))
  }

  const measured = rows.filter((r): r is MeasuredRow => r.status === 'ok')
  if (data !== null) {
    const files = measured.flatMap((r) => r.vectorsFiles)
    if (files.length > 0) log(`evaluating ${files.length} vector files with gensim`)
    const scores = evaluateVectors(options.python, benchDir, data, files)
    for (const row of measured) {
      const runScores = row.vectorsFiles.map((file) => scores.get(file) ?? { error: 'not evaluated' })
      row.quality = meanQuality(runScores)
      row.qualityRuns = runScores.filter((q): q is Quality => !('error' in q))
    }
  }

  // The scale tier reports figures; its targets (issue 13's "done when") are for the lead to judge.
  const targets = scale === null ? checkTargets(rows, options.threads) : oursRanCheck(rows)
  const exitCode = exitCodeFor(targets)
  const s = SETTINGS
  const what = scale === null
    ? 'State of the Union'
    : `scale tier, ${scale.kind} corpus of ${corpus.tokens.toLocaleString('en-US')} tokens drawn over ${scale.types.toLocaleString('en-US')} types (corpus seed ${scale.seed})`
  process.stdout.write([
    '',
    `word2vec benchmark: ${what}, skip-gram, dim ${s.dim}, window ${s.window}, ${options.loss === 'hierarchicalSoftmax' ? 'hierarchical softmax (negative 0)' : `negative ${s.negative}`}, sample ${s.sample}, min-count ${s.minCount}, ${epochs} epoch${epochs === 1 ? '' : 's'}, alpha ${s.alpha}${options.repeat > 1 ? `; at ${options.threads} threads each engine runs with seeds ${SETTINGS.seed}, ${SETTINGS.seed + 1}, … (see runs): the best wall time and the mean quality over the seeds count` : ''}`,
    '',
    formatResultsTable(rows),
    ...(scale === null ? [] : [vocabularyLine(measured)]),
    ...[data === null ? '' : formatQualityErrors(rows)].filter((text) => text !== ''),
    '',
    formatNotes(corpus.tokens, epochs, scale === null ? 'sotu' : data === null ? 'none' : 'generated'),
    busyWarning(rows),
    formatTargets(targets),
    '',
  ].join('\n'))

  const resultsFile = join(cacheDir, `results-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`)
  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { cores, cpuModel: cpus()[0]?.model, loadAverageAtStart: loadAtStart, node: process.version, platform: process.platform },
    corpus,
    settings: { ...SETTINGS, epochs },
    options,
    wordsPerSecDefinition: '(corpus tokens × epochs) / wall seconds of the whole process',
    rows,
    targets,
    exitCode,
  }
  writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n')
  process.stdout.write(`\nResults: ${resultsFile}\n`)
  return exitCode
}

async function main(argv: readonly string[]): Promise<number> {
  let options: BenchOptions | 'help'
  try {
    options = parseBenchArgs(argv)
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${BENCH_USAGE}`)
    return 2
  }
  if (options === 'help') {
    process.stdout.write(BENCH_USAGE)
    return 0
  }
  try {
    return await bench(options)
  } catch (error) {
    log((error as Error).message)
    return 2
  }
}

process.exitCode = await main(process.argv.slice(2))
