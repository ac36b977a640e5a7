/**
 * A trainer whose parent dies while it starts must end, not spin: under plain Node a post to the
 * closed channel used to come back as an 'error' event, whose crash report posted again, forever.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { builtTrainer } from './forkTrainer'

/** Running, as Linux sees it: a zombie waiting for a reaper has ended. */
function running(pid: number): boolean {
  const stat = `/proc/${pid}/stat`
  if (!existsSync(stat)) return false
  try {
    const state = readFileSync(stat, 'utf8').replace(/^.*\) /s, '').charAt(0)
    return state !== 'Z' && state !== 'X'
  } catch {
    return false
  }
}

/** The intermediate parent: forks the trainer, prints its pid, then dies at once or after `delayMs`. */
const PARENT = `
const { fork } = require('node:child_process')
const { writeSync } = require('node:fs')
const child = fork(process.argv[1], [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'ignore', 'ipc'] })
writeSync(1, child.pid + '\\n')
setTimeout(() => process.kill(process.pid, 'SIGKILL'), Number(process.argv[2]))
`

async function orphan(entry: string, delayMs: number): Promise<number> {
  const parent = spawn(process.execPath, ['-e', PARENT, entry, String(delayMs)], { stdio: ['ignore', 'pipe', 'ignore'] })
  let out = ''
  parent.stdout.setEncoding('utf8')
  parent.stdout.on('data', (chunk: string) => (out += chunk))
  await new Promise((resolve) => parent.once('exit', resolve))
  const pid = Number(out.trim())
  expect(pid).toBeGreaterThan(0)
  return pid
}

describe.runIf(process.platform === 'linux')('a trainer whose parent dies while it starts', () => {
  it('exits within a few seconds, whenever the parent dies in its first 0.2 s', async () => {
    const entry = await builtTrainer()
    const left: number[] = []
    try {
      for (let i = 0; i < 10; i++) {
        const pid = await orphan(entry, i * 20)
        const deadline = Date.now() + 5000
        while (running(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
        if (running(pid)) left.push(pid)
      }
      expect(left, `trainers still running: ${left.join(', ')}`).toEqual([])
    } finally {
      for (const pid of left) process.kill(pid, 'SIGKILL')
    }
  }, 90_000)
})
