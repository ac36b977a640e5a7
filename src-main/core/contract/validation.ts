/**
 * Checking a message that crossed a process boundary. A receiver never trusts the sender's
 * types: it parses, and a message that does not fit is a typed ContractError with one sentence
 * saying what was wrong, never an exception deep inside a handler.
 */
import * as v from 'valibot'

export class ContractError extends Error {
  constructor(
    /** What was being received, e.g. "trainer request" or "loadCorpus arguments". */
    readonly what: string,
    /** Where in the message the first problem is, e.g. "settings.config.dim", or "" for the whole. */
    readonly path: string,
    message: string,
  ) {
    super(message)
    this.name = 'ContractError'
  }
}

function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => String((item as { key?: unknown }).key)).join('.')
}

/** The value, typed by the schema, or a ContractError naming the first problem. */
export function parseMessage<const S extends v.GenericSchema>(schema: S, value: unknown, what: string): v.InferOutput<S> {
  const result = v.safeParse(schema, value, { abortEarly: true })
  if (result.success) return result.output
  const issue = result.issues[0]
  const path = issue ? issuePath(issue) : ''
  // A rule's own sentence ends in a full stop; this one adds its own.
  const detail = (issue?.message ?? 'it does not fit the protocol').replace(/\.$/, '')
  throw new ContractError(what, path, `Invalid ${what}${path ? ` at "${path}"` : ''}: ${detail}.`)
}

/** Like parseMessage, but returns the error instead of throwing it. */
export function checkMessage<const S extends v.GenericSchema>(schema: S, value: unknown, what: string): { ok: true; value: v.InferOutput<S> } | { ok: false; error: ContractError } {
  try {
    return { ok: true, value: parseMessage(schema, value, what) }
  } catch (error) {
    if (error instanceof ContractError) return { ok: false, error }
    throw error
  }
}
