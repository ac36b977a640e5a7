/**
 * The window's one way into the app. Inside Word2Vec Studio (or the browser test harness) that
 * is `window.w2v`; a page opened some other way gets an API that answers every call with one
 * sentence saying why nothing works, so the stores never need a second code path.
 */
import { APP_INVOKE, type AppChannel, type AppResponse } from '@contract/appProtocol'
import type { AppInvokeApi, W2vApi } from '@contract/preloadApi'

const OUTSIDE_APP = 'This window is running outside Word2Vec Studio, so it cannot reach the trainer; open it from the app.'

function unavailable(): Promise<AppResponse<AppChannel>> {
  return Promise.resolve({ ok: false, error: { kind: 'unavailable', message: OUTSIDE_APP } })
}

let offline: W2vApi | null = null

function offlineApi(): W2vApi {
  const invoke = Object.fromEntries((Object.keys(APP_INVOKE) as AppChannel[]).map((channel) => [channel, unavailable])) as unknown as AppInvokeApi
  return {
    ...invoke,
    runtime: { electron: '', chrome: '', node: '', platform: '' },
    onTrainerEvent: () => () => undefined,
    onAppEvent: () => () => undefined,
    pathForFile: () => '',
  }
}

export function w2v(): W2vApi {
  return window.w2v ?? (offline ??= offlineApi())
}
