/**
 * "One per core": the app's threads setting is null unless the user chose a number, and then
 * the form offers the machine's cores (at most the engine's 256).
 */
import type { Settings } from '@contract/appProtocol'

const MAX_THREADS = 256

export function defaultThreadsOf(settings: Settings | null): number {
  return settings?.threads ?? Math.min(MAX_THREADS, Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 1))
}
