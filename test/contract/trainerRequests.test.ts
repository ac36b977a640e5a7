import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MAX_EXPRESSION_CHARS, type TrainerRequestType, TrainerRequestSchema } from '../../src-main/core/contract/trainerProtocol'
import { ContractError, checkMessage } from '../../src-main/core/contract/validation'
import { SMALL_CONFIG, type TrainerProcess, startTrainer } from '../trainer/forkTrainer'

type Message = Record<string, unknown>

/** One valid request of every type: the invalid ones below are each a small change of one of these. */
const VALID = {
  loadCorpus: { type: 'loadCorpus', id: 'v', paths: ['/tmp/corpus.txt'], tokenizer: { lowercase: true, punctuation: 'strip' } },
  start: { type: 'start', id: 'v', settings: { schedule: 'word2vec', config: SMALL_CONFIG }, vocabulary: { minCount: 5 }, plotWords: ['whale'] },
  pause: { type: 'pause', id: 'v' },
  resume: { type: 'resume', id: 'v' },
  stop: { type: 'stop', id: 'v' },
  gradientCheck: { type: 'gradientCheck', id: 'v', seed: 3 },
  setPlotWords: { type: 'setPlotWords', id: 'v', words: ['whale', 'sea'] },
  neighbours: { type: 'neighbours', id: 'v', word: 'whale', k: 5, vectors: 'center' },
  analogy: { type: 'analogy', id: 'v', a: 'man', b: 'king', c: 'woman', k: 1, method: '3CosMul', vectors: 'sum' },
  expression: { type: 'expression', id: 'v', text: 'king - man + 0.5 * woman', k: 10, method: '3CosAdd', vectors: 'center' },
  oddOneOut: { type: 'oddOneOut', id: 'v', words: ['breakfast', 'lunch', 'cereal'], vectors: 'center' },
  projection: { type: 'projection', id: 'v', words: ['whale', 'sea'], method: 'tsne', vectors: 'center', seed: 1 },
  continueRun: { type: 'continueRun', id: 'v', paths: ['/tmp/more.txt'] },
  evaluate: { type: 'evaluate', id: 'v', kind: 'analogy', path: '/tmp/questions-words.txt' },
  export: { type: 'export', id: 'v', path: '/tmp/vectors.txt', format: 'word2vec-text', vectors: 'center', topN: 100, normalize: false },
  saveCheckpoint: { type: 'saveCheckpoint', id: 'v', path: '/tmp/run.w2vckpt' },
  loadCheckpoint: { type: 'loadCheckpoint', id: 'v', path: '/tmp/run.w2vckpt' },
  openVectors: { type: 'openVectors', id: 'v', path: '/tmp/vectors.txt' },
  configureAutosave: { type: 'configureAutosave', id: 'v', path: '/tmp/auto.w2vckpt', everySeconds: 30 },
  describe: { type: 'describe', id: 'v' },
  forgetRuns: { type: 'forgetRuns', id: 'v', runIds: ['run-1'] },
  cancel: { type: 'cancel', id: 'v', target: 'r1' },
  ack: { type: 'ack', seq: 3 },
} as const satisfies Record<TrainerRequestType, Message>

/** A value of another type than `value`'s. */
function wrongType(value: unknown): unknown {
  if (typeof value === 'string') return 42
  if (typeof value === 'number') return 'seven'
  if (typeof value === 'boolean') return 'yes'
  if (Array.isArray(value)) return 'not a list'
  return 7
}

interface Invalid {
  readonly why: string
  readonly message: unknown
}

/** Every field of every type with a wrong type, every required field missing, an extra field, and nested mistakes. */
function invalidMessages(): Invalid[] {
  const invalid: Invalid[] = []
  for (const [type, valid] of Object.entries(VALID) as [string, Message][]) {
    for (const field of Object.keys(valid)) {
      invalid.push({ why: `${type}: ${field} of the wrong type`, message: { ...valid, [field]: wrongType(valid[field]) } })
      const without = Object.fromEntries(Object.entries(valid).filter(([key]) => key !== field))
      if (!checkMessage(TrainerRequestSchema, without, 'trainer request').ok) invalid.push({ why: `${type}: ${field} missing`, message: without })
    }
    invalid.push({ why: `${type}: an extra field`, message: { ...valid, surplus: true } })
  }
  invalid.push(
    { why: 'an unknown type', message: { type: 'dance', id: 'v' } },
    { why: 'no type', message: { id: 'v' } },
    { why: 'an empty id', message: { type: 'pause', id: '' } },
    { why: 'an id over 64 characters', message: { type: 'pause', id: 'x'.repeat(65) } },
    { why: 'start: a config field of the wrong type', message: { ...VALID.start, settings: { schedule: 'word2vec', config: { ...SMALL_CONFIG, dim: 'ten' } } } },
    { why: 'start: a config of the other schedule', message: { ...VALID.start, settings: { schedule: 'cs224n', config: SMALL_CONFIG } } },
    { why: 'start: minCount 0', message: { ...VALID.start, vocabulary: { minCount: 0 } } },
    { why: 'start: an extra config field', message: { ...VALID.start, settings: { schedule: 'word2vec', config: { ...SMALL_CONFIG, turbo: true } } } },
    { why: 'loadCorpus: a tokenizer option of the wrong type', message: { ...VALID.loadCorpus, tokenizer: { lowercase: 'yes' } } },
    { why: 'loadCorpus: no paths', message: { ...VALID.loadCorpus, paths: [] } },
    { why: 'neighbours: k of 0', message: { ...VALID.neighbours, k: 0 } },
    { why: 'neighbours: an unknown vector kind', message: { ...VALID.neighbours, vectors: 'both' } },
    { why: 'analogy: an unknown method', message: { ...VALID.analogy, method: '3CosSub' } },
    { why: 'expression: k over 1000', message: { ...VALID.expression, k: 1001 } },
    { why: 'expression: a text over its limit', message: { ...VALID.expression, text: 'a '.repeat(MAX_EXPRESSION_CHARS) } },
    { why: 'oddOneOut: no words', message: { ...VALID.oddOneOut, words: [] } },
    { why: 'oddOneOut: an empty word', message: { ...VALID.oddOneOut, words: ['lunch', ''] } },
    { why: 'projection: an unknown method', message: { ...VALID.projection, method: 'mds' } },
    { why: 'export: an unknown format', message: { ...VALID.export, format: 'xlsx' } },
    { why: 'ack: a negative seq', message: { type: 'ack', seq: -1 } },
    { why: 'ack: a fractional seq', message: { type: 'ack', seq: 1.5 } },
    { why: 'null', message: null },
    { why: 'a string', message: 'pause' },
    { why: 'a number', message: 42 },
    { why: 'a list', message: [VALID.pause] },
  )
  return invalid
}

const INVALID = invalidMessages()

describe('the trainer request schema', () => {
  it('accepts a valid request of every type', () => {
    for (const valid of Object.values(VALID)) expect(checkMessage(TrainerRequestSchema, valid, 'trainer request').ok, JSON.stringify(valid)).toBe(true)
  })

  it('rejects every invalid variant with a typed ContractError naming the problem', () => {
    expect(INVALID.length).toBeGreaterThan(100)
    for (const { why, message } of INVALID) {
      const checked = checkMessage(TrainerRequestSchema, message, 'trainer request')
      expect(checked.ok, why).toBe(false)
      if (!checked.ok) {
        expect(checked.error).toBeInstanceOf(ContractError)
        expect(checked.error.message, why).toMatch(/^Invalid trainer request/)
      }
    }
  })
})

describe('the built trainer receiving invalid requests', () => {
  let trainer: TrainerProcess

  beforeAll(async () => {
    trainer = await startTrainer()
  })

  afterAll(async () => {
    await trainer?.stop()
  })

  it('answers each with a protocol error (a response when it has an id, else an error event) and keeps working', async () => {
    let n = 0
    const expectations: { why: string; id: string | null }[] = []
    for (const { why, message } of INVALID) {
      // Give each message that keeps a usable id its own, so its response can be found.
      const hasId = typeof message === 'object' && message !== null && !Array.isArray(message) && typeof (message as Message).id === 'string' && (message as Message).id !== ''
      const id = hasId ? `bad-${++n}` : null
      const sent = hasId ? { ...(message as Message), id: (message as Message).id === 'v' ? id : (message as Message).id } : message
      expectations.push({ why, id: hasId ? ((sent as Message).id as string) : null })
      trainer.send(sent)
    }
    const alive = await trainer.call({ type: 'configureAutosave', path: '/tmp/never-written.w2vckpt', everySeconds: 0 })
    expect(alive).toEqual({ path: '/tmp/never-written.w2vckpt', everySeconds: 0 })

    const responses = trainer.events.filter((e) => e.type === 'response')
    for (const { why, id } of expectations.filter((e) => e.id !== null)) {
      const response = responses.find((r) => r.type === 'response' && r.id === id)
      expect(response, why).toMatchObject({ ok: false, error: { kind: 'protocol', message: expect.stringMatching(/^Invalid trainer request/) } })
    }
    const errors = trainer.events.filter((e) => e.type === 'error')
    expect(errors).toHaveLength(expectations.filter((e) => e.id === null).length)
    for (const error of errors) expect(error).toMatchObject({ error: { kind: 'protocol' } })
    expect(trainer.stderr()).toMatch(/Invalid trainer request/)
    expect(trainer.child.exitCode).toBeNull()
  })
})
