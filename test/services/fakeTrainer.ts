/** Starting the fake trainer (fixtures/fakeTrainer.ts) as a real child process, and a logger that remembers. */
import { fileURLToPath } from 'node:url'
import type { Logger } from '../../src-main/node/services/logger'
import { forkTrainerProcess, type TrainerLauncher } from '../../src-main/node/services/trainerProcess'

export const FAKE_TRAINER = fileURLToPath(new URL('./fixtures/fakeTrainer.ts', import.meta.url))

export function fakeTrainerLauncher(env: Record<string, string> = {}): TrainerLauncher {
  return () => forkTrainerProcess(FAKE_TRAINER, { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env } })
}

export interface LogEntry {
  readonly level: 'warn' | 'error'
  readonly message: string
  readonly detail: unknown
}

export function memoryLogger(): Logger & { readonly entries: LogEntry[] } {
  const entries: LogEntry[] = []
  return {
    entries,
    warn: (message, detail) => void entries.push({ level: 'warn', message, detail }),
    error: (message, detail) => void entries.push({ level: 'error', message, detail }),
  }
}
