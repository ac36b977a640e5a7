import { describe, expect, it } from 'vitest'
import { untypedEslint as eslint } from '../support/untypedEslint'


async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  expect(result!.messages.filter((m) => m.fatal)).toEqual([])
  return result!.messages.filter((m) => m.ruleId === 'w2v/layers').map((m) => m.message)
}

describe('the layer rule', () => {
  it.each([
    ['src-main/core/x.ts', "import { readFileSync } from 'node:fs'", /core may not import "node:fs" \(Node built-ins\)/],
    ['src-main/core/x.ts', "import fs from 'fs'", /core may not import "fs"/],
    ['src-main/core/x.ts', "import { app } from 'electron'", /core may not import "electron"/],
    ['src-main/core/x.ts', "export * from '../node/files'", /core may not import "..\/node\/files" \(the node layer\)/],
    ['src-main/core/x.ts', "import { z } from 'zod'", /core may not import "zod" \(the package zod\)/],
    ['src-main/core/x.ts', "const m = await import('../trainer/index')", /the trainer layer/],
    ['src-main/core/contract/x.ts', "import { Worker } from 'node:worker_threads'", /contract may not import/],
    ['src-main/kernels/x.ts', "import os from 'node:os'", /kernels may not import/],
    ['src-main/node/x.ts', "import { BrowserWindow } from 'electron'", /node may not import "electron"/],
    ['src-main/trainer/x.ts', "import { app } from 'electron'", /trainer may not import "electron"/],
    ['src-main/electron-main/x.ts', "import { train } from '../trainer/index'", /electron-main may not import ".*" \(the trainer layer\)/],
    ['src-main/preload/x.ts', "import fs from 'node:fs'", /preload may not import "node:fs"/],
    ['src-main/preload/x.ts', "import { sgd } from '../core/sgd'", /preload may not import ".*" \(the core layer\)/],
    ['src-renderer/src/x.ts', "import { sgd } from '../../src-main/core/sgd'", /renderer may not import ".*" \(the core layer\)/],
    ['src-renderer/src/x.ts', "import { ipcRenderer } from 'electron'", /renderer may not import "electron"/],
    ['src-renderer/src/x.ts', "const fs = require('fs')", /renderer may not import "fs"/],
    ['src-main/cli/x.ts', "import { app } from 'electron'", /cli may not import "electron"/],
    ['src-main/core/x.ts', "import pkg from '../../package.json'", /files outside the layer folders/],
  ])('rejects in %s: %s', async (file, code, message) => {
    const errors = await layerErrors(file, code)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(message)
  })

  it.each([
    ['src-main/core/x.ts', "import { row } from './matrix'"],
    ['src-main/core/projection/x.ts', "import { UMAP } from 'umap-js'"],
    ['src-main/core/contract/x.ts', "import type { GradientCheckReport } from '../gradientChecks'"],
    ['src-main/core/contract/x.ts', "import { z } from 'zod'"],
    ['src-main/node/x.ts', "import { readFile } from 'node:fs/promises'\nimport { sgd } from '../core/sgd'"],
    ['src-main/trainer/x.ts', "import { Worker } from 'node:worker_threads'\nimport { x } from '../node/files'"],
    ['src-main/electron-main/x.ts', "import { app } from 'electron'\nimport { x } from '../node/files'"],
    ['src-main/preload/x.ts', "import { contextBridge } from 'electron'\nimport type { W2vApi } from '../core/contract/preloadApi'"],
    ['src-renderer/src/x.ts', "import type { W2vApi } from '@contract/preloadApi'\nimport { ref } from 'vue'"],
    ['test/core/x.test.ts', "import fs from 'node:fs'\nimport { app } from 'electron'"],
  ])('allows in %s: %s', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([])
  })
})
