/**
 * The harness itself, below the UI: the page gets `window.w2v` with exactly the preload's keys,
 * its calls reach the real services (built-in corpus, the trainer), trainer events stream with
 * their acks, dropped files get real paths, and dialogs and the shell are the test's to script.
 */
import { readFileSync } from 'node:fs'
import { APP_INVOKE } from '../../../src-main/core/contract/appProtocol'
import type { W2vApi } from '../../../src-main/core/contract/preloadApi'
import type { TrainerEvent } from '../../../src-main/core/contract/trainerProtocol'
import { chromiumMissing } from '../browser'
import { expect, test } from './fixtures'

test.skip(chromiumMissing() !== null, `Browser tests skipped: ${chromiumMissing() ?? ''}`)

/** What the page sees; the evaluated functions run in the window, not in this file. */
type PageGlobals = {
  w2v: W2vApi
  trainerEvents: TrainerEvent[]
  File: new (parts: unknown[], name: string) => { readonly name: string; readonly size: number }
}

const W2V_KEYS = [...Object.keys(APP_INVOKE), 'runtime', 'onTrainerEvent', 'onAppEvent', 'pathForFile'].sort()

test('the app page loads with window.w2v of exactly the preload API', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveTitle('Word2Vec Studio')
  expect(await page.evaluate(() => Object.keys((globalThis as unknown as PageGlobals).w2v).sort())).toEqual(W2V_KEYS)
  const runtime = await page.evaluate(() => (globalThis as unknown as PageGlobals).w2v.runtime)
  expect(runtime).toEqual({ electron: 'harness', chrome: expect.stringMatching(/^\d+\.\d+/), node: process.versions.node, platform: process.platform })
  // As contextBridge's object, it cannot be swapped for another.
  expect(await page.evaluate(() => Object.isFrozen((globalThis as unknown as PageGlobals).w2v))).toBe(true)
})

test.describe('without the app script', () => {
  // The app's own start-up (it loads a corpus) would race these requests; the shim alone runs.
  test.beforeEach(async ({ page }) => {
    await page.route(/\/assets\/.*\.js$/, (route) => route.abort())
    await page.goto('/')
    await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals
      g.trainerEvents = []
      g.w2v.onTrainerEvent((event) => g.trainerEvents.push(event))
    })
  })

  test('the built-in corpus loads in the trainer and a short training streams acknowledged progress', async ({ page }) => {
    const corpus = await page.evaluate(() => (globalThis as unknown as PageGlobals).w2v.builtInCorpus({}))
    expect(corpus).toMatchObject({ ok: true, value: { path: expect.stringMatching(/datasets-moby-dick/), title: expect.stringMatching(/Moby-Dick/) } })
    const corpusPath = corpus.ok ? corpus.value.path : ''

    const loaded = await page.evaluate((path) => (globalThis as unknown as PageGlobals).w2v.trainerRequest({ type: 'loadCorpus', id: 'r1', paths: [path], tokenizer: {} }), corpusPath)
    expect(loaded).toMatchObject({ ok: true, value: { ok: true, result: { paths: [corpusPath] } } })
    const tokens = loaded.ok ? (loaded.value.result as { tokens: number }).tokens : 0
    expect(tokens).toBeGreaterThan(200_000)

    // The trainer sends at most 4 batches ahead of the acks, so twice that many arrive only if the shim acks them.
    const started = await page.evaluate(() => (globalThis as unknown as PageGlobals).w2v.trainerRequest({
      type: 'start', id: 'r2', vocabulary: { minCount: 5 }, plotWords: [],
      settings: { schedule: 'word2vec', config: { model: 'skipgram', loss: 'negSampling', dim: 20, window: 5, negatives: 5, sample: 1e-3, alpha: 0.025, minAlpha: 0.0001, epochs: 6, threads: 1, seed: 1, cbowMean: true, negativePower: 0.75 } },
    }))
    expect(started).toMatchObject({ ok: true, value: { ok: true } })
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as PageGlobals).trainerEvents.filter((e) => e.type === 'finished').length), { timeout: 45_000 }).toBe(1)
    const progress = await page.evaluate(() => (globalThis as unknown as PageGlobals).trainerEvents.filter((e) => e.type === 'progress').map((e) => (e as { seq: number }).seq))
    expect(progress.length).toBeGreaterThan(8)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
  })

  test('pathForFile uploads a dropped File and returns the path of its bytes', async ({ page }) => {
    const path = await page.evaluate(() => {
      const g = globalThis as unknown as PageGlobals
      return g.w2v.pathForFile(new g.File(['a whale of a tale\n', new Uint8Array([0xe2, 0x80, 0x94, 0x0a])], 'tale.txt'))
    })
    expect(path).toMatch(/[/\\]tale\.txt$/)
    expect(readFileSync(path)).toEqual(Buffer.concat([Buffer.from('a whale of a tale\n'), Buffer.from([0xe2, 0x80, 0x94, 0x0a])]))
    // Like webUtils: something that is not a File has no path.
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).w2v.pathForFile({ name: 'nothing.txt', size: 0 }))).toBe('')
  })

  test('dialogs answer what the test queued, then nothing; shell calls are recorded', async ({ page, harness }) => {
    const openPairs = () => page.evaluate(() => (globalThis as unknown as PageGlobals).w2v.openBenchmarkDialog({ kind: 'wordPairs' }))
    await harness.answerDialog({ channel: 'openBenchmarkDialog', answer: '/tmp/pairs.tsv' })
    expect(await openPairs()).toEqual({ ok: true, value: { path: '/tmp/pairs.tsv' } })
    expect(await openPairs()).toEqual({ ok: true, value: { path: null } })

    const corpus = await page.evaluate(() => (globalThis as unknown as PageGlobals).w2v.builtInCorpus({}))
    const corpusPath = corpus.ok ? corpus.value.path : ''
    expect(await page.evaluate((path) => (globalThis as unknown as PageGlobals).w2v.showItemInFolder({ path }), corpusPath)).toEqual({ ok: true, value: {} })
    expect(await harness.shellCalls()).toEqual([{ call: 'showItemInFolder', path: corpusPath }])

    // The service parses arguments, as over IPC: a bad one is a typed error, not a crash.
    const refused = await page.evaluate(() => (globalThis as unknown as PageGlobals).w2v.exportDialog({ defaultName: 7 } as unknown as { defaultName: string }))
    expect(refused).toMatchObject({ ok: false, error: { kind: 'badRequest', message: expect.stringMatching(/\S/) } })
  })
})
