/**
 * Runs one engine command through bench/measure.py, which times the whole process and reads
 * its peak resident memory; the same wrapper for every engine keeps the figures comparable.
 */
import { spawn } from 'node:child_process'
import { join } from 'node:path'

export interface Measurement {
  wallSeconds: number
  maxRssKiB: number
  /** The command's own CPU time (user + system, all its threads and children). */
  cpuSeconds: number
  /** CPU time the machine spent on other processes meanwhile; null where /proc/stat is missing. */
  otherCpuSeconds: number | null
  exitCode: number | null
  signal: number | null
  stdoutFile: string
  stderrFile: string
}

export class MeasureError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'MeasureError'
  }
}

const HEARTBEAT_MS = 15_000

/** Runs argv, writing its output to <logBase>.stdout / .stderr; logs a heartbeat while it runs. */
export function measureCommand(python: string, benchDir: string, argv: readonly string[], logBase: string, cwd: string, log: (line: string) => void): Promise<Measurement> {
  const stdoutFile = `${logBase}.stdout`
  const stderrFile = `${logBase}.stderr`
  const child = spawn(python, [join(benchDir, 'measure.py'), '--stdout', stdoutFile, '--stderr', stderrFile, '--', ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
  const started = Date.now()
  const heartbeat = setInterval(() => log(`  … ${Math.round((Date.now() - started) / 1000)} s`), HEARTBEAT_MS)
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => { err += chunk })
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      clearInterval(heartbeat)
      reject(new MeasureError(`Could not start ${python} to measure the engines (${error.message}); pass --python <path to Python 3>.`))
    })
    child.on('close', (code) => {
      clearInterval(heartbeat)
      try {
        if (code !== 0) throw new Error(err.trim() || `exit code ${code}`)
        const result = JSON.parse(out) as Omit<Measurement, 'stdoutFile' | 'stderrFile'>
        resolve({ ...result, stdoutFile, stderrFile })
      } catch (error) {
        reject(new MeasureError(`bench/measure.py failed: ${(error as Error).message}`))
      }
    })
  })
}

const ERROR_LINE = /\b(error|unknown|invalid|cannot|can't|failed|not found|no such|missing)\b/i

/**
 * The line of a failed command's stderr that says why, for the "not available: …" row: the
 * first line that reads like an error (a usage text or stack trace follows it), else the last.
 */
export function failureReason(status: Pick<Measurement, 'exitCode' | 'signal'>, stderr: string): string {
  const lines = stderr.split(/[\r\n]+/).map((l) => l.trim()).filter((l) => l !== '')
  const what = status.signal !== null ? `killed by signal ${status.signal}` : `exit code ${status.exitCode}`
  const line = lines.find((l) => ERROR_LINE.test(l)) ?? lines.at(-1)
  return line === undefined ? what : `${what}: ${line.length > 200 ? `${line.slice(0, 200)}…` : line}`
}


/** The last line of stdout parsed as JSON (the summary convention of `w2v train --json` and gensim_train.py), or undefined. */
export function lastJsonLine(stdout: string): unknown {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '')
  try {
    return lines.length === 0 ? undefined : (JSON.parse(lines.at(-1)!) as unknown)
  } catch {
    return undefined
  }
}
