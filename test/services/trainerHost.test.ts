import { afterEach, describe, expect, it } from 'vitest'
import { PROTOCOL_VERSION, type TrainerEvent } from '../../src-main/core/contract/trainerProtocol'
import { ContractError } from '../../src-main/core/contract/validation'
import { TrainerHost, type TrainerCrash } from '../../src-main/node/services/trainerHost'
import { TrainerHostError } from '../../src-main/node/services/trainerHostError'
import { fakeTrainerLauncher, memoryLogger } from './fakeTrainer'

const hosts: TrainerHost[] = []
function startHost(env: Record<string, string> = {}, handshakeTimeoutMs?: number) {
  const log = memoryLogger()
  const host = new TrainerHost({ launch: fakeTrainerLauncher(env), log, handshakeTimeoutMs })
  hosts.push(host)
  return { host, log }
}

afterEach(async () => {
  for (const host of hosts.splice(0)) {
    host.kill('SIGKILL')
    await host.waitForExit(5000)
  }
})

describe('TrainerHost with a forked trainer', () => {
  it('completes the ready handshake and answers requests with validated results', async () => {
    const { host } = startHost()
    const ready = await host.ready
    expect(ready).toMatchObject({ type: 'ready', protocol: PROTOCOL_VERSION, threadsAvailable: 2 })
    expect(ready.pid).toBe(host.pid)
    const events: TrainerEvent[] = []
    host.onMessage((event) => events.push(event))

    const corpus = await host.request({ type: 'loadCorpus', paths: ['/tmp/a.txt'], tokenizer: {} })
    expect(corpus.paths).toEqual(['/tmp/a.txt'])
    // The host's ids start with "m"; progress for the request carries the same id.
    const progress = events.find((e) => e.type === 'taskProgress')
    expect(progress?.type === 'taskProgress' && progress.id).toMatch(/^m\d+$/)
    const response = events.find((e) => e.type === 'response')
    expect(response?.type === 'response' && response.id).toBe(progress?.type === 'taskProgress' ? progress.id : '')
  })

  it('forwards a request with the caller\'s id and returns the reply as it came, errors included', async () => {
    const { host } = startHost()
    const reply = await host.forward({ type: 'loadCheckpoint', id: 'r7', path: '/nonexistent/run.w2vckpt' })
    expect(reply).toEqual({ ok: false, error: { kind: 'checkpoint', message: 'There is no checkpoint at /nonexistent/run.w2vckpt.' } })
  })

  it('rejects with a typed error when the trainer refuses a request', async () => {
    const { host } = startHost()
    const error = await host.request({ type: 'loadCheckpoint', path: '/nonexistent/run.w2vckpt' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(TrainerHostError)
    expect(error).toMatchObject({ kind: 'trainer', trainerError: { kind: 'checkpoint' } })
  })

  it('rejects a result that does not fit the protocol', async () => {
    const { host } = startHost()
    const error = await host.request({ type: 'neighbours', word: 'bad-result', k: 5, vectors: 'center' }).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'invalidResult' })
    expect((error as Error).message).toMatch(/Invalid “neighbours” result/)
  })

  it('drops an invalid event with a logged ContractError and keeps working', async () => {
    const { host, log } = startHost()
    await host.ready
    const events: TrainerEvent[] = []
    host.onMessage((event) => events.push(event))
    const result = await host.request({ type: 'setPlotWords', words: ['invalid-event'] })
    expect(result.words).toEqual(['invalid-event'])
    expect(events.map((e) => e.type)).toEqual(['response'])
    const warning = log.entries.find((e) => e.level === 'warn')
    expect(warning?.detail).toBeInstanceOf(ContractError)
    expect(warning?.message).toMatch(/Dropped a message from the trainer\. Invalid trainer event at "seq"/)
    expect(host.isRunning).toBe(true)
  })

  it('times out a request that gets no answer', async () => {
    const { host } = startHost()
    const error = await host.request({ type: 'neighbours', word: 'hang', k: 5, vectors: 'center' }, { timeoutMs: 300 }).catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'timeout', message: 'The trainer did not answer the “neighbours” request within 0.3 seconds.' })
  })

  it('posts acks without waiting for an answer', async () => {
    const { host } = startHost()
    await host.ready
    const warning = new Promise<TrainerEvent>((resolve) => host.onMessage((e) => e.type === 'warning' && resolve(e)))
    expect(host.post({ type: 'ack', seq: 12 })).toBe(true)
    expect(await warning).toEqual({ type: 'warning', message: 'ack 12' })
  })

  it('refuses a trainer that speaks another protocol version', async () => {
    const { host } = startHost({ FAKE_PROTOCOL: String(PROTOCOL_VERSION + 1) })
    const crashes: TrainerCrash[] = []
    host.onCrash((crash) => crashes.push(crash))
    const error = await host.ready.catch((e: unknown) => e)
    expect(error).toMatchObject({ kind: 'protocolMismatch' })
    expect((error as Error).message).toBe(`The trainer speaks protocol version ${PROTOCOL_VERSION + 1} but this app speaks version ${PROTOCOL_VERSION}; reinstall Word2Vec Studio so that both parts come from the same version.`)
    // The host ends the process itself: that is not a crash.
    expect(await host.waitForExit(5000)).toBeDefined()
    expect(crashes).toEqual([])
    await expect(host.request({ type: 'pause' })).rejects.toMatchObject({ kind: 'protocolMismatch' })
  })

  it('gives up on a trainer that never says it is ready', async () => {
    const { host } = startHost({ FAKE_SILENT: '1' }, 1500)
    await expect(host.ready).rejects.toMatchObject({ kind: 'handshake', message: 'The trainer did not start within 1.5 seconds.' })
    expect(await host.waitForExit(5000)).toMatchObject({ signal: 'SIGKILL' })
  })

  it('reports a crash with a sentence and fails the requests still waiting', async () => {
    const { host } = startHost()
    const ready = await host.ready
    const crash = new Promise<TrainerCrash>((resolve) => host.onCrash(resolve))
    const exits: unknown[] = []
    host.onExit((exit) => exits.push(exit))
    const waiting = host.request({ type: 'neighbours', word: 'hang', k: 5, vectors: 'center' }).catch((e: unknown) => e)
    // As the system's out-of-memory killer would.
    await new Promise((resolve) => setTimeout(resolve, 100))
    process.kill(ready.pid, 'SIGKILL')
    expect(await crash).toEqual({ code: null, signal: 'SIGKILL', fatalError: null, reason: 'The trainer was killed (SIGKILL), most likely because the system ran out of memory.' })
    expect(await waiting).toMatchObject({ kind: 'exited', message: 'The trainer stopped before answering the “neighbours” request.' })
    expect(exits).toHaveLength(1)
    expect(host.isRunning).toBe(false)
    await expect(host.request({ type: 'pause' })).rejects.toMatchObject({ kind: 'exited' })
    expect(host.post({ type: 'ack', seq: 1 })).toBe(false)
  })

  it('kill() ends the process without a crash, and waitForExit reports it', async () => {
    const { host } = startHost()
    await host.ready
    const crashes: TrainerCrash[] = []
    host.onCrash((crash) => crashes.push(crash))
    expect(await host.waitForExit(50)).toBeUndefined()
    expect(host.kill()).toBe(true)
    expect(await host.waitForExit(5000)).toMatchObject({ code: null, signal: 'SIGTERM' })
    expect(crashes).toEqual([])
    expect(host.kill()).toBe(false)
  })

  it('refuses a second request with an id that is still waiting', async () => {
    const { host } = startHost()
    void host.forward({ type: 'neighbours', id: 'r1', word: 'hang', k: 1, vectors: 'center' }).catch(() => undefined)
    await host.ready
    await expect(host.forward({ type: 'pause', id: 'r1' })).rejects.toMatchObject({ kind: 'trainer', trainerError: { kind: 'badRequest' } })
  })
})
