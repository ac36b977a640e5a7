import { fork } from 'node:child_process'
import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { TrainerEvent } from '../../src-main/core/contract/trainerMessages'

describe('trainer entry under plain Node', () => {
  it('starts, answers a gradient-check request and explains a request it does not know', async () => {
    const child = fork('src-main/trainer/index.ts', [], { execArgv: ['--import', 'tsx'], serialization: 'advanced', stdio: 'pipe' })
    try {
      const events: TrainerEvent[] = []
      const next = (type: TrainerEvent['type']) =>
        new Promise<TrainerEvent>((resolve, reject) => {
          const onMessage = (m: TrainerEvent) => {
            events.push(m)
            if (m.type === type) {
              child.off('message', onMessage)
              resolve(m)
            }
          }
          child.on('message', onMessage)
          child.once('exit', (code) => reject(new Error(`trainer exited with ${code}`)))
        })
      await next('ready')
      child.send({ type: 'gradientCheck' })
      const result = await next('gradientCheckResult')
      expect(result.type === 'gradientCheckResult' && result.report.passed).toBe(true)
      child.send({ type: 'dance' })
      const error = await next('error')
      expect(error.type === 'error' && error.message).toMatch(/does not understand the request/)
    } finally {
      child.kill()
      await once(child, 'exit')
    }
  })
})
