/**
 * `tsx scripts/runScripts.ts <script>…`: runs npm scripts side by side, as many at once as the
 * machine has cores, longest first in the order given. `npm test` uses it for the build, the type
 * checks and lint: each is one single-threaded process that needs nothing from the others, so on
 * a 2-core machine running them one after another leaves a core idle for minutes. Each script's
 * output is printed whole when it ends (not interleaved), and the run fails if any script failed.
 */
import { spawn } from 'node:child_process'
import { availableParallelism } from 'node:os'

interface Outcome {
  readonly script: string
  readonly code: number
  readonly seconds: number
  readonly output: string
}

function runScript(script: string): Promise<Outcome> {
  const started = performance.now()
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { shell: process.platform === 'win32', stdio: ['ignore', 'pipe', 'pipe'] })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk))
    const finish = (code: number, extra = ''): void => {
      resolve({ script, code, seconds: (performance.now() - started) / 1000, output: Buffer.concat(chunks).toString('utf8') + extra })
    }
    child.on('error', (error) => finish(1, `npm could not be started: ${error.message}\n`))
    child.on('close', (code, signal) => finish(code ?? 1, signal ? `ended by ${signal}\n` : ''))
  })
}

async function main(scripts: readonly string[]): Promise<number> {
  if (scripts.length === 0) {
    process.stderr.write('Usage: tsx scripts/runScripts.ts <npm script>…\n')
    return 2
  }
  const waiting = [...scripts]
  const outcomes: Outcome[] = []
  const lane = async (): Promise<void> => {
    for (let script = waiting.shift(); script !== undefined; script = waiting.shift()) {
      const outcome = await runScript(script)
      const verdict = outcome.code === 0 ? 'passed' : `failed (exit ${outcome.code})`
      process.stdout.write(`\n> npm run ${script}: ${verdict} in ${outcome.seconds.toFixed(0)} s\n${outcome.output}`)
      outcomes.push(outcome)
    }
  }
  await Promise.all(Array.from({ length: Math.min(availableParallelism(), scripts.length) }, lane))
  const failed = outcomes.filter((o) => o.code !== 0).map((o) => o.script)
  if (failed.length > 0) process.stderr.write(`\nFailed: ${failed.join(', ')}\n`)
  return failed.length > 0 ? 1 : 0
}

process.exitCode = await main(process.argv.slice(2))
