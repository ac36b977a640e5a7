/**
 * A TrainerSession in this process, spoken to as the host speaks to the trainer: every event it
 * emits is checked against the protocol, every answer against its result schema.
 */
import { type TrainerCall, type TrainerEvent, TrainerEventSchema, type TrainerResponseEvent } from '../../src-main/core/contract/trainerProtocol'
import { TRAINER_RESULT_SCHEMAS, type TrainerResult } from '../../src-main/core/contract/trainerResults'
import { parseMessage } from '../../src-main/core/contract/validation'
import { checkCorpusMinibatch } from '../../src-main/core/corpusGradientCheck'
import type { GradientCheckJob } from '../../src-main/trainer/gradientCheckJob'
import { TrainerSession } from '../../src-main/trainer/trainerSession'

/** A session in this process, autosaving to `autosavePath`, with a recording event sink that acks progress as a window would. */
export function sessionHarness(autosavePath: string, options: { onEvent?: (event: TrainerEvent) => void; tokenDirectory?: string } = {}) {
  const events: TrainerEvent[] = []
  const jobs: GradientCheckJob[] = []
  const session: TrainerSession = new TrainerSession({
    emit: (event) => {
      // Every event must fit the protocol, as the host will check.
      events.push(parseMessage(TrainerEventSchema, event, 'trainer event'))
      options.onEvent?.(event)
      if (event.type === 'progress') void session.handle({ type: 'ack', seq: event.seq }, () => undefined)
    },
    // The course's own problems take seconds and are checked in the forked tests; here only the corpus part runs.
    checkGradients: async (job) => {
      jobs.push(job)
      return { checks: job.minibatch ? checkCorpusMinibatch(job.minibatch) : [] }
    },
    autosave: { path: autosavePath, everySeconds: 0 },
    ...(options.tokenDirectory === undefined ? {} : { tokenDirectory: options.tokenDirectory }),
  })
  let ids = 0
  const request = async (call: TrainerCall): Promise<TrainerResponseEvent & { id: string }> => {
    const id = `s${++ids}`
    let response: TrainerEvent | undefined
    await session.handle({ ...call, id }, (event) => (response = event))
    if (response?.type !== 'response') throw new Error(`No response to ${call.type}: ${JSON.stringify(response)}`)
    return response
  }
  const call = async <K extends keyof typeof TRAINER_RESULT_SCHEMAS>(c: Extract<TrainerCall, { type: K }>) => {
    const response = await request(c)
    if (!response.ok) throw new Error(`${c.type} failed: ${JSON.stringify(response.error)}`)
    return parseMessage(TRAINER_RESULT_SCHEMAS[c.type], response.result, c.type) as never as TrainerResult<K>
  }
  const until = async <T extends TrainerEvent>(match: (e: TrainerEvent) => e is T, timeoutMs = 20_000): Promise<T> => {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = events.find(match)
      if (found) return found
      if (Date.now() > deadline) throw new Error(`Timed out; last events ${JSON.stringify(events.slice(-3))}`)
      await new Promise((r) => setTimeout(r, 10))
    }
  }
  return { session, events, jobs, request, call, until, autosavePath }
}

export const is = <T extends TrainerEvent['type']>(type: T) => (e: TrainerEvent): e is Extract<TrainerEvent, { type: T }> => e.type === type
