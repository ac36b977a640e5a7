/**
 * The whole API the preload script exposes to the window as `window.w2v` (the browser test
 * harness installs one of exactly this type). The renderer reaches the rest of the app only
 * through it: invoke-style calls that resolve to `{ ok, value | error }` (never a thrown
 * error, which would lose its type crossing the bridge), subscriptions that return their
 * unsubscribe function, and the path of a dropped file.
 */
import type { AppArgs, AppChannel, AppEvent, AppResponse } from './appProtocol'
import type { TrainerEvent } from './trainerProtocol'

export interface RuntimeVersions {
  readonly electron: string
  readonly chrome: string
  readonly node: string
  readonly platform: string
}

export type Unsubscribe = () => void

/** A dropped DOM File, described structurally because the contract has no DOM types. */
export interface DroppedFile {
  readonly name: string
  readonly size: number
}

export type AppInvokeApi = { readonly [K in AppChannel]: (args: AppArgs<K>) => Promise<AppResponse<K>> }

export interface W2vApi extends AppInvokeApi {
  readonly runtime: RuntimeVersions
  /** Every trainer event (progress batches, snapshots, state, task progress, responses, warnings, errors). */
  onTrainerEvent(listener: (event: TrainerEvent) => void): Unsubscribe
  onAppEvent(listener: (event: AppEvent) => void): Unsubscribe
  /** The file system path of a dropped File (Electron's webUtils.getPathForFile); '' when it has none. */
  pathForFile(file: DroppedFile): string
}
