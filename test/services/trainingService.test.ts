import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppEvent } from '../../src-main/core/contract/appProtocol'
import { PROTOCOL_VERSION, type TrainerEvent } from '../../src-main/core/contract/trainerProtocol'
import { TrainingService } from '../../src-main/node/services/trainingService'
import { fakeTrainerLauncher, memoryLogger } from './fakeTrainer'

let folder: string
let services: TrainingService[]

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'w2v-training-'))
  services = []
})

afterEach(async () => {
  for (const host of services.map((service) => service.host)) {
    host?.kill('SIGKILL')
    await host?.waitForExit(5000)
  }
  await rm(folder, { recursive: true, force: true })
})

function makeService(env: Record<string, string> = {}) {
  const appEvents: AppEvent[] = []
  const relayed: TrainerEvent[] = []
  const log = memoryLogger()
  const service = new TrainingService({
    launch: fakeTrainerLauncher(env),
    autosavePath: join(folder, 'checkpoints', 'autosave.w2vckpt'),
    autosaveSeconds: () => 45,
    emit: (event) => appEvents.push(event),
    relay: (event) => relayed.push(event),
    log,
  })
  services.push(service)
  return { service, appEvents, relayed, log }
}

function nextAppEvent(appEvents: AppEvent[], type: AppEvent['type']): Promise<AppEvent> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = () => {
      const found = appEvents.find((e) => e.type === type)
      if (found) resolve(found)
      else if (Date.now() - started > 10_000) reject(new Error(`no ${type} event`))
      else setTimeout(poll, 20)
    }
    poll()
  })
}

describe('TrainingService', () => {
  it('starts a trainer, announces it and sets up autosave in the data folder', async () => {
    const { service, appEvents } = makeService()
    const host = await service.start()
    expect(appEvents).toEqual([{ type: 'trainerStarted', pid: host.pid }])
    expect(await service.start()).toBe(host) // one trainer at a time
    // The fake trainer saves to the configured autosave path on stop.
    const reply = await service.forward({ type: 'stop', id: 'r1' })
    expect(reply).toMatchObject({ ok: true, result: { state: 'finished' } })
    const autosave = join(folder, 'checkpoints', 'autosave.w2vckpt')
    expect(existsSync(autosave)).toBe(true)
    await expect.poll(() => service.lastCheckpoint).toBe(autosave)
  })

  it('relays trainer events from the trainer\'s channel to the window, but not responses', async () => {
    const { service, relayed } = makeService()
    await service.start()
    await service.forward({
      type: 'start', id: 'r2', plotWords: [], vocabulary: { minCount: 1 },
      settings: { schedule: 'word2vec', config: { model: 'skipgram', loss: 'negSampling', dim: 8, window: 2, negatives: 2, sample: 0, alpha: 0.025, minAlpha: 0.0001, epochs: 1, threads: 1, seed: 1, cbowMean: true, negativePower: 0.75 } },
    })
    expect(relayed.map((e) => e.type)).toEqual(['state', 'progress'])
  })

  it('remembers the checkpoint a window request saved', async () => {
    const { service } = makeService()
    await service.start()
    const path = join(folder, 'mine.w2vckpt')
    await service.forward({ type: 'saveCheckpoint', id: 'r3', path })
    expect(service.lastCheckpoint).toBe(path)
  })

  it('turns a crash into a trainerExited event, and restarts from the last checkpoint', async () => {
    const { service, appEvents } = makeService()
    const first = await service.start()
    const path = join(folder, 'saved.w2vckpt')
    await service.forward({ type: 'saveCheckpoint', id: 'r4', path })
    process.kill(first.pid!, 'SIGKILL')
    const exited = await nextAppEvent(appEvents, 'trainerExited')
    expect(exited).toEqual({ type: 'trainerExited', code: null, reason: 'The trainer was killed (SIGKILL), most likely because the system ran out of memory.', checkpointPath: path })
    expect(service.host).toBeNull()
    await expect(service.forward({ type: 'pause', id: 'r5' })).rejects.toMatchObject({ kind: 'exited', message: 'The trainer is not running; restart it to continue.' })

    const restored = await service.restart({ fromCheckpoint: true })
    expect(restored).toEqual({ restoredFrom: path })
    const second = service.host!
    expect(second.pid).not.toBe(first.pid)
    expect(appEvents.filter((e) => e.type === 'trainerStarted')).toHaveLength(2)
    expect(await service.forward({ type: 'pause', id: 'r6' })).toMatchObject({ ok: true })
  })

  it('offers the autosave file written during this session even when main did not see it being saved', async () => {
    const { service, appEvents } = makeService()
    const host = await service.start()
    const autosave = join(folder, 'checkpoints', 'autosave.w2vckpt')
    await writeFile(autosave, 'checkpoint')
    process.kill(host.pid!, 'SIGKILL')
    expect(await nextAppEvent(appEvents, 'trainerExited')).toMatchObject({ checkpointPath: autosave })
    expect(await service.restart({ fromCheckpoint: true })).toEqual({ restoredFrom: autosave })
  })

  it('restarts a running trainer without a crash event, and without a checkpoint when none is asked for', async () => {
    const { service, appEvents } = makeService()
    const first = await service.start()
    expect(await service.restart({ fromCheckpoint: false })).toEqual({ restoredFrom: null })
    expect(first.isRunning).toBe(false)
    expect(service.host).not.toBe(first)
    expect(appEvents.map((e) => e.type)).toEqual(['trainerStarted', 'trainerStarted'])
  })

  it('reports a trainer that speaks another protocol as exited, with the reason', async () => {
    const { service, appEvents } = makeService({ FAKE_PROTOCOL: String(PROTOCOL_VERSION + 1) })
    await expect(service.start()).rejects.toMatchObject({ kind: 'protocolMismatch' })
    expect(appEvents).toHaveLength(1)
    expect(appEvents[0]).toMatchObject({ type: 'trainerExited', code: null, checkpointPath: null })
    expect(appEvents[0]!.type === 'trainerExited' && appEvents[0]!.reason).toMatch(/protocol version/)
  })

  it('shutdown stops the training (which saves it) and ends the process', async () => {
    const { service, appEvents } = makeService()
    const host = await service.start()
    await service.shutdown()
    expect(existsSync(join(folder, 'checkpoints', 'autosave.w2vckpt'))).toBe(true)
    expect(host.isRunning).toBe(false)
    expect(appEvents.map((e) => e.type)).toEqual(['trainerStarted'])
  })
})
