/**
 * The whole API the preload script exposes to the window as `window.w2v`. The renderer talks to
 * the rest of the app only through this; it grows as the app does (services, events).
 */
export interface RuntimeVersions {
  readonly electron: string
  readonly chrome: string
  readonly node: string
  readonly platform: string
}

export interface W2vApi {
  readonly runtime: RuntimeVersions
}
