/**
 * What travels between the browser shim and the harness server, and where. Over the WebSocket:
 * the shim's invoke requests (each with its own id) one way; the answers, app events and
 * relayed trainer events the other, as Electron's IPC carries them. JSON stands in for IPC's
 * structured clone, so non-finite numbers (a diverged loss is NaN) get an encoding of their own.
 * Shared by both ends: nothing here may use Node or the DOM.
 */
import * as v from 'valibot'

export const SHIM_PATH = '/__harness/shim.js'
export const SOCKET_PATH = '/__harness/socket'
/** POST a dropped file's bytes (`?name=` its file name); answers with its path on the server as text. */
export const UPLOAD_PATH = '/__harness/upload'
/** POST `{ channel, answer }`: the answer the next such dialog gives. */
export const DIALOG_PATH = '/__harness/dialog'
/** GET the desktop-shell calls made so far. */
export const SHELL_PATH = '/__harness/shell'
/** POST: a fresh app as on first start (new user-data folder, new trainer, empty queues). */
export const RESET_PATH = '/__harness/reset'
/** POST: the trainer process is killed (SIGKILL), as the system kills one out of memory. */
export const KILL_TRAINER_PATH = '/__harness/killTrainer'

export const InvokeMessageSchema = v.strictObject({
  id: v.pipe(v.number(), v.integer(), v.minValue(0)),
  channel: v.string(),
  args: v.unknown(),
})
export type InvokeMessage = v.InferOutput<typeof InvokeMessageSchema>

/** Payloads stay unknown here: the shim checks them with the contract's schemas, as the preload does. */
export const ServerMessageSchema = v.variant('kind', [
  v.strictObject({ kind: v.literal('answer'), id: v.number(), response: v.unknown() }),
  v.strictObject({ kind: v.literal('appEvent'), event: v.unknown() }),
  v.strictObject({ kind: v.literal('trainerEvent'), event: v.unknown() }),
])
export type ServerMessage = v.InferOutput<typeof ServerMessageSchema>

const NUMBER_KEY = '$w2vNumber'

export function encodeMessage(message: unknown): string {
  return JSON.stringify(message, (_key, value: unknown) =>
    typeof value === 'number' && !Number.isFinite(value) ? { [NUMBER_KEY]: String(value) } : value)
}

export function decodeMessage(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return value
    const keys = Object.keys(value)
    const encoded = (value as Record<string, unknown>)[NUMBER_KEY]
    return keys.length === 1 && typeof encoded === 'string' ? Number(encoded) : value
  })
}
