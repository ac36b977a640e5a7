/**
 * The desktop app end to end: launch the built app (`npm run build` first), wait for the
 * window, load the built-in corpus, train briefly, stop, and export vectors that start with a
 * word2vec header. It drives the app through `window.w2v`, the API the UI uses.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { _electron, expect, test, type ElectronApplication } from '@playwright/test'
import type { W2vApi } from '../../src-main/core/contract/preloadApi'
import type { TrainerEvent } from '../../src-main/core/contract/trainerProtocol'
import { findElectronBinary } from './electronBinary'

const binary = findElectronBinary()
const root = fileURLToPath(new URL('../..', import.meta.url))
const mainEntry = join(root, 'out', 'main', 'index.js')

test.skip(!binary.path, `Electron tests skipped: ${binary.reason ?? ''}`)

/** What the page sees; the evaluated functions run in the window, not in this file. */
type PageGlobals = { w2v: W2vApi; trainerEvents: TrainerEvent[] }

test.describe('Word2Vec Studio', () => {
  let app: ElectronApplication
  let folder: string

  test.beforeAll(async () => {
    expect(existsSync(mainEntry), 'run `npm run build` first').toBe(true)
    folder = mkdtempSync(join(tmpdir(), 'w2v-electron-'))
    app = await _electron.launch({
      executablePath: binary.path!,
      args: [mainEntry, `--user-data-dir=${join(folder, 'user-data')}`],
      cwd: root,
    })
  })

  test.afterAll(async () => {
    await app?.close()
    rmSync(folder, { recursive: true, force: true })
  })

  test('loads the built-in corpus, trains briefly and exports', async () => {
    const page = await app.firstWindow()
    await expect(page.locator('h1')).toHaveText('Word2Vec Studio')
    expect(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require)).toBe('undefined')

    await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals
      g.trainerEvents = []
      g.w2v.onTrainerEvent((event) => g.trainerEvents.push(event))
    })
    const corpus = await page.evaluate(() => (globalThis as unknown as PageGlobals).w2v.builtInCorpus({}))
    expect(corpus.ok).toBe(true)
    const corpusPath = corpus.ok ? corpus.value.path : ''

    const loaded = await page.evaluate((path) => (globalThis as unknown as PageGlobals).w2v.trainerRequest({ type: 'loadCorpus', id: 'r1', paths: [path], tokenizer: {} }), corpusPath)
    expect(loaded).toMatchObject({ ok: true, value: { ok: true } })

    const started = await page.evaluate(() => (globalThis as unknown as PageGlobals).w2v.trainerRequest({
      type: 'start', id: 'r2', plotWords: [], vocabulary: { minCount: 5 },
      settings: { schedule: 'word2vec', config: { model: 'skipgram', loss: 'negSampling', dim: 32, window: 5, negatives: 5, sample: 1e-3, alpha: 0.025, minAlpha: 0.0001, epochs: 1, threads: 1, seed: 1, cbowMean: true, negativePower: 0.75 } },
    }))
    expect(started).toMatchObject({ ok: true, value: { ok: true } })
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).trainerEvents.some((e) => e.type === 'progress'), undefined, { timeout: 60_000 })

    const stopped = await page.evaluate(() => (globalThis as unknown as PageGlobals).w2v.trainerRequest({ type: 'stop', id: 'r3' }))
    expect(stopped).toMatchObject({ ok: true, value: { ok: true } })

    const target = join(folder, 'moby-dick.vec')
    const exportTo = (path: string) => page.evaluate((p) => (globalThis as unknown as PageGlobals).w2v.trainerRequest({ type: 'export', id: 'r5', path: p, format: 'word2vec-text', vectors: 'center', normalize: false }), path)
    // Main writes only where the user chose in its Save dialog; here the dialog answers for the user.
    expect(await exportTo(join(folder, 'not-chosen.vec'))).toMatchObject({ ok: false, error: { kind: 'notAllowed' } })
    await app.evaluate(({ dialog }, path) => {
      dialog.showSaveDialog = (async () => ({ canceled: false, filePath: path })) as typeof dialog.showSaveDialog
    }, target)
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).w2v.exportDialog({ defaultName: 'moby-dick', format: 'word2vec-text' }))).toEqual({ ok: true, value: { path: target } })
    const exported = await page.evaluate((path) => (globalThis as unknown as PageGlobals).w2v.trainerRequest({ type: 'export', id: 'r4', path, format: 'word2vec-text', vectors: 'center', normalize: false }), target)
    expect(exported).toMatchObject({ ok: true, value: { ok: true } })
    const header = readFileSync(target, 'utf8').split('\n', 1)[0]!
    expect(header).toMatch(/^\d+ 32$/)
  })
})
