/**
 * The whole crash path with the real trainer bundle, as main runs it: the window's requests go
 * through TrainingService, the trainer is killed mid-run (as the system's out-of-memory killer
 * would), the window is told with the checkpoint it can restore, and a restart from it continues
 * the run to the end.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { AppEvent } from '../../src-main/core/contract/appProtocol'
import type { TrainerEvent } from '../../src-main/core/contract/trainerProtocol'
import { TRAINER_RESULT_SCHEMAS, type TrainerDescription } from '../../src-main/core/contract/trainerResults'
import { parseMessage } from '../../src-main/core/contract/validation'
import type { TrainerReply } from '../../src-main/node/services/trainerHost'
import { loadTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { forkTrainerProcess } from '../../src-main/node/services/trainerProcess'
import { TrainingService } from '../../src-main/node/services/trainingService'
import { MOBY_DICK, SMALL_CONFIG, builtTrainer } from '../trainer/forkTrainer'
import { memoryLogger } from './fakeTrainer'

let folder: string
let service: TrainingService | null = null

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'w2v-crash-restart-'))
})

afterEach(async () => {
  await service?.shutdown(2000)
  await rm(folder, { recursive: true, force: true })
})

function description(reply: TrainerReply): TrainerDescription {
  expect(reply.ok).toBe(true)
  return parseMessage(TRAINER_RESULT_SCHEMAS.describe, reply.result, 'describe')
}

function until<T>(events: T[], match: (event: T) => boolean, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const started = Date.now()
    const poll = (): void => {
      const found = events.find(match)
      if (found !== undefined) resolve(found)
      else if (Date.now() - started > timeoutMs) reject(new Error(`no matching event within ${timeoutMs} ms`))
      else setTimeout(poll, 20)
    }
    poll()
  })
}

it('a trainer killed mid-run is reported to the window, and a restart resumes its autosave to the end', async () => {
  const entry = await builtTrainer()
  const appEvents: AppEvent[] = []
  const trainerEvents: TrainerEvent[] = []
  const training = new TrainingService({
    launch: () => forkTrainerProcess(entry),
    autosavePath: join(folder, 'autosave.w2vckpt'),
    autosaveSeconds: () => 0.5,
    emit: (event) => appEvents.push(event),
    relay: (event) => {
      trainerEvents.push(event)
      // The window's preload acknowledges every progress batch; without it progress would pause.
      if (event.type === 'progress') training.post({ type: 'ack', seq: event.seq })
    },
    log: memoryLogger(),
  })
  service = training
  await training.start()

  expect(await training.forward({ type: 'loadCorpus', id: 'r1', paths: [MOBY_DICK], tokenizer: {} })).toMatchObject({ ok: true })
  const started = await training.forward({
    type: 'start', id: 'r2', settings: { schedule: 'word2vec', config: { ...SMALL_CONFIG, epochs: 40 } }, vocabulary: { minCount: 5 }, plotWords: [],
  })
  expect(started.ok).toBe(true)
  const total = (started.result as { total: number }).total
  const saved = await until(trainerEvents, (e) => e.type === 'checkpointSaved' && e.reason === 'autosave' && e.done > 0, 20_000)

  // From outside, as the out-of-memory killer would: the host did not ask for this exit.
  const pid = (appEvents.find((e) => e.type === 'trainerStarted') as { pid: number }).pid
  process.kill(pid, 'SIGKILL')
  const exited = await until(appEvents, (e) => e.type === 'trainerExited', 10_000)
  expect(exited).toMatchObject({ type: 'trainerExited', checkpointPath: join(folder, 'autosave.w2vckpt') })
  expect((exited as { reason: string }).reason).toMatch(/\S/)
  expect(training.host).toBeNull()
  // The window stays up and is told why a request cannot be served now.
  await expect(training.forward({ type: 'pause', id: 'r3' })).rejects.toThrow(/not running/)

  // A window asks for the whole state as soon as it is handed the new trainer's port.
  const onConnect: Promise<TrainerReply>[] = []
  training.onDidStartTrainer((host) => onConnect.push(host.forward({ type: 'describe', id: 'r-connect' })))
  expect(await training.restart({ fromCheckpoint: true })).toEqual({ restoredFrom: join(folder, 'autosave.w2vckpt') })
  const savedDone = (saved as { done: number }).done
  const paused = await until(trainerEvents, (e) => e.type === 'state' && e.state === 'paused' && (e.run?.done ?? 0) >= savedDone, 10_000)
  expect((paused as { run: { total: number } }).run.total).toBe(total)
  // While it restores, the new trainer says so: it is never "empty" with a run about to appear.
  expect(onConnect).toHaveLength(1)
  expect(description(await onConnect[0]!)).toMatchObject({ state: 'restoring', phase: 'restoring', run: null })

  // The restored run is where the checkpoint is, not where the killed trainer had got to.
  const checkpoint = await loadTrainingCheckpoint(join(folder, 'autosave.w2vckpt'))
  const restored = description(await training.forward({ type: 'describe', id: 'r-restored' }))
  const done = restored.run!.done
  expect(done).toBe((paused as { run: { done: number } }).run.done)
  expect(restored).toMatchObject({ state: 'paused', phase: 'paused', fraction: done / total })
  expect(restored.run).toMatchObject({
    number: 1, outcome: 'running', total, fraction: done / total, epoch: Math.floor(done / (total / 40)) + 1,
    seconds: checkpoint.trainingSeconds, restoredFrom: join(folder, 'autosave.w2vckpt'),
  })
  expect(checkpoint.trainingSeconds).toBeGreaterThan(0)

  expect(await training.forward({ type: 'resume', id: 'r4' })).toEqual({ ok: true, result: { state: 'training' } })
  const finished = await until(trainerEvents, (e) => e.type === 'finished', 60_000)
  expect(finished).toMatchObject({ stopped: false, done: total })

  const exported = await training.forward({ type: 'export', id: 'r5', path: join(folder, 'vectors.txt'), vectors: 'center', normalize: false })
  expect(exported).toEqual({ ok: true, result: { files: [join(folder, 'vectors.txt')] } })
}, 120_000)
