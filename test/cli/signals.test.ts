/**
 * The built `w2v` (npm run build:cli) interrupted while it writes: Ctrl-C, a kill or a closed
 * terminal must not leave the hidden temporary file of the half-written output behind, and a
 * temporary file left by a process that is gone (killed outright) is removed by the next write
 * of the same file, while one of a running process is kept.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const WORDS = 60_000
const DIM = 100
let dir = ''
let input = ''

/** word2vec binary: quick to read, slow to write as text, so the write is what gets interrupted. */
function writeBinaryVectors(path: string): void {
  const parts: Buffer[] = [Buffer.from(`${WORDS} ${DIM}\n`)]
  const row = new Float32Array(DIM)
  for (let i = 0; i < WORDS; i++) {
    for (let j = 0; j < DIM; j++) row[j] = Math.sin(i * 0.37 + j) / (j + 1)
    parts.push(Buffer.from(`w${i} `), Buffer.from(row.buffer.slice(0)), Buffer.from('\n'))
  }
  writeFileSync(path, Buffer.concat(parts))
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'w2v-signals-'))
  input = join(dir, 'in.bin')
  writeBinaryVectors(input)
}, 120_000)

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const temporaryFiles = () => readdirSync(dir).filter((name) => name.endsWith('.tmp'))

describe.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('w2v convert interrupted by %s while writing', (signal) => {
  it('leaves no temporary file and no output', async () => {
    const output = join(dir, `out-${signal}.vec`)
    const child = spawn(process.execPath, ['out/cli/w2v.js', 'convert', input, output], { stdio: ['ignore', 'ignore', 'pipe'] })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const started = Date.now()
    while (temporaryFiles().length === 0) {
      if (Date.now() - started > 30_000) throw new Error(`the write never started: ${stderr}`)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    child.kill(signal)
    const code = await exited
    expect(code, stderr).toBe({ SIGINT: 130, SIGTERM: 143, SIGHUP: 129 }[signal])
    expect(temporaryFiles()).toEqual([])
    expect(readdirSync(dir)).not.toContain(`out-${signal}.vec`)
  }, 60_000)
})

describe('w2v convert after a process was killed outright', () => {
  it('removes the temporary file of the dead process and keeps the one of a running process', () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid!
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' })
    try {
      const stale = `.out.vec.${dead}.0123456789ab.tmp`
      const busy = `.out.vec.${live.pid!}.ba9876543210.tmp`
      writeFileSync(join(dir, stale), 'left by a kill -9')
      writeFileSync(join(dir, busy), 'another write in progress')
      const result = spawnSync(process.execPath, ['out/cli/w2v.js', 'convert', input, join(dir, 'out.vec'), '--limit', '10'], { encoding: 'utf8' })
      expect(result.status, result.stderr).toBe(0)
      expect(temporaryFiles()).toEqual([busy])
      rmSync(join(dir, busy))
    } finally {
      live.kill()
    }
  }, 60_000)
})
