import { contextBridge } from 'electron'
import type { W2vApi } from '../core/contract/preloadApi'

const api: W2vApi = {
  runtime: {
    electron: process.versions.electron ?? '',
    chrome: process.versions.chrome ?? '',
    node: process.versions.node,
    platform: process.platform,
  },
}

contextBridge.exposeInMainWorld('w2v', api)
