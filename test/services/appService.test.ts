import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { APP_INVOKE, DEFAULT_SETTINGS, type AppEvent } from '../../src-main/core/contract/appProtocol'
import { AppService, type AppServiceOptions } from '../../src-main/node/services/appService'
import { BUILT_IN_CORPUS_TITLE, builtInCorpusPath } from '../../src-main/node/services/builtInCorpus'
import { writeCheckpoint } from '../../src-main/node/checkpointFile'
import { PathGrants } from '../../src-main/node/services/pathGrants'
import { RecentFiles } from '../../src-main/node/services/recentFiles'
import { SettingsStore } from '../../src-main/node/services/settingsStore'
import { TrainerHostError } from '../../src-main/node/services/trainerHostError'
import type { TrainerReply } from '../../src-main/node/services/trainerHost'
import { memoryLogger } from './fakeTrainer'
import { interceptWrites, systemError } from '../node/writeFaults'
import { PNG_SIGNATURE, pngSize } from '../support/figureFiles'

const MOBY_DICK = builtInCorpusPath({ packaged: false, resourcesPath: '', searchFrom: process.cwd() })!

let folder: string
let events: AppEvent[]
let opened: string[]
let shown: string[]
let training: { forward: ReturnType<typeof vi.fn>; post: ReturnType<typeof vi.fn>; restart: ReturnType<typeof vi.fn>; configureAutosave: ReturnType<typeof vi.fn> }
let settings: SettingsStore
let recent: RecentFiles
let paths: PathGrants
let confirmations: { checkpoint: string; corpusPaths: readonly string[] }[]
let confirmAnswer: boolean
/** What the figure save dialog answers for a default name: a path, or null (cancelled). */
let figureAnswer: (defaultName: string) => string | null
let figureAsked: string[]
let service: AppService

async function makeService(overrides: Partial<AppServiceOptions> = {}): Promise<AppService> {
  settings = new SettingsStore(folder, memoryLogger())
  recent = new RecentFiles(folder, memoryLogger(), () => 42)
  await settings.load()
  await recent.load()
  paths = new PathGrants()
  return new AppService({
    dialogs: {
      openCorpus: async () => ['/corpora/a.txt', '/corpora/b.txt'],
      openVectors: async () => null,
      openBenchmark: async (kind) => `/benchmarks/${kind}.txt`,
      exportTarget: async (name, format) => `/exports/${name}.${format ?? 'none'}`,
      figureTarget: async (name) => {
        figureAsked.push(name)
        return figureAnswer(name)
      },
      confirmCheckpointCorpus: async (checkpoint, corpusPaths) => {
        confirmations.push({ checkpoint, corpusPaths })
        return confirmAnswer
      },
    },
    shell: {
      openExternal: async (url) => void opened.push(url),
      showItemInFolder: (path) => void shown.push(path),
    },
    builtInCorpusPath: () => MOBY_DICK,
    training: training as unknown as AppServiceOptions['training'],
    settings,
    recentFiles: recent,
    paths,
    appInfo: async () => ({ name: 'Word2Vec Studio', version: '0.1.0', licenses: [{ name: 'valibot', version: '1.5.0', license: 'MIT' }] }),
    emit: (event) => events.push(event),
    log: memoryLogger(),
    ...overrides,
  })
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'w2v-app-'))
  events = []
  opened = []
  shown = []
  confirmations = []
  confirmAnswer = false
  figureAnswer = (name) => join(folder, name)
  figureAsked = []
  training = { forward: vi.fn(), post: vi.fn(), restart: vi.fn(), configureAutosave: vi.fn(async () => undefined) }
  service = await makeService()
})
afterEach(() => rm(folder, { recursive: true, force: true }))

const corpusStats = { paths: ['/corpora/a.txt'], bytes: 1, tokens: 1, types: 1, sentences: 1, vocabularyByMinCount: [], topWords: [], notices: [], files: [{ encoding: 'utf-8', byteOrderMark: false, chosen: false, replacedSequences: 0, detected: null }] }

describe('AppService.invoke', () => {
  it('has a handler for every channel of the contract', () => {
    for (const channel of Object.keys(APP_INVOKE)) expect(typeof (service as unknown as Record<string, unknown>)[channel], channel).toBe('function')
  })

  it('refuses an unknown channel and arguments that do not fit the schema', async () => {
    expect(await service.invoke('constructor', {})).toEqual({ ok: false, error: { kind: 'badRequest', message: 'The app has no “constructor” request.' } })
    expect(await service.invoke('restartTrainer', { fromCheckpoint: 'yes' })).toMatchObject({ ok: false, error: { kind: 'badRequest', message: expect.stringMatching(/^Invalid “restartTrainer” arguments at "fromCheckpoint"/) } })
    expect(await service.invoke('getSettings', { extra: 1 })).toMatchObject({ ok: false, error: { kind: 'badRequest' } })
    expect(await service.invoke('updateSettings', { threads: 0 })).toMatchObject({ ok: false, error: { kind: 'badRequest' } })
  })
})

describe('trainerRequest', () => {
  it('forwards a window request and returns the validated reply', async () => {
    training.forward.mockResolvedValue({ ok: true, result: { state: 'paused' } } satisfies TrainerReply)
    expect(await service.invoke('trainerRequest', { type: 'pause', id: 'r1' })).toEqual({ ok: true, value: { ok: true, result: { state: 'paused' } } })
    expect(training.forward).toHaveBeenCalledWith({ type: 'pause', id: 'r1' })
  })

  it('passes describe through and checks the whole state it answers with', async () => {
    const described = { version: 3, state: 'ready', phase: 'ready', fraction: null, corpus: null, vectors: null, run: null, runs: [], plotWords: [] }
    training.forward.mockResolvedValueOnce({ ok: true, result: described } satisfies TrainerReply)
    expect(await service.invoke('trainerRequest', { type: 'describe', id: 'r9' })).toEqual({ ok: true, value: { ok: true, result: described } })
    expect(training.forward).toHaveBeenCalledWith({ type: 'describe', id: 'r9' })
    training.forward.mockResolvedValueOnce({ ok: true, result: { ...described, phase: 'loadingCorpus' } } satisfies TrainerReply)
    expect(await service.invoke('trainerRequest', { type: 'describe', id: 'r10' })).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'protocol' } } })
  })

  it('refuses ids that are not the window\'s', async () => {
    expect(await service.invoke('trainerRequest', { type: 'pause', id: 'm1' })).toMatchObject({ ok: false, error: { kind: 'badRequest', message: 'Requests from the window need an id that starts with “r”; “m1” does not.' } })
    expect(training.forward).not.toHaveBeenCalled()
  })

  it('passes acks on without waiting for an answer', async () => {
    expect(await service.invoke('trainerRequest', { type: 'ack', seq: 3 })).toEqual({ ok: true, value: { ok: true } })
    expect(training.post).toHaveBeenCalledWith({ type: 'ack', seq: 3 })
  })

  it('passes the trainer\'s own refusal through, and flags a result that breaks the protocol', async () => {
    training.forward.mockResolvedValueOnce({ ok: false, error: { kind: 'state', message: 'Nothing is training.' } })
    expect(await service.trainerRequest({ type: 'pause', id: 'r2' })).toEqual({ ok: true, value: { ok: false, error: { kind: 'state', message: 'Nothing is training.' } } })
    training.forward.mockResolvedValueOnce({ ok: true, result: { state: 7 } })
    expect(await service.trainerRequest({ type: 'pause', id: 'r3' })).toMatchObject({ ok: true, value: { ok: false, error: { kind: 'protocol', message: expect.stringMatching(/Invalid “pause” result at "state"/) } } })
  })

  it('says the trainer has exited when it is not running', async () => {
    training.forward.mockRejectedValue(new TrainerHostError('exited', 'The trainer is not running; restart it to continue.'))
    expect(await service.trainerRequest({ type: 'pause', id: 'r4' })).toEqual({ ok: false, error: { kind: 'trainerExited', message: 'The trainer is not running; restart it to continue.' } })
  })

  it('remembers a loaded corpus in the recent files and as the corpus for next time', async () => {
    await service.invoke('openCorpusDialog', {})
    training.forward.mockResolvedValue({ ok: true, result: corpusStats })
    await service.trainerRequest({ type: 'loadCorpus', id: 'r5', paths: ['/corpora/a.txt', '/corpora/b.txt'], tokenizer: {} })
    expect(recent.list().map((f) => [f.path, f.kind])).toEqual([['/corpora/a.txt', 'corpus'], ['/corpora/b.txt', 'corpus']])
    expect(settings.get().lastCorpus).toEqual(['/corpora/a.txt', '/corpora/b.txt'])
    expect(events).toContainEqual({ type: 'settingsChanged', settings: { ...DEFAULT_SETTINGS, lastCorpus: ['/corpora/a.txt', '/corpora/b.txt'] } })
  })

  it('does not list the built-in corpus as a recent file, and loads it by default next time', async () => {
    await settings.update({ lastCorpus: ['/corpora/old.txt'] })
    training.forward.mockResolvedValue({ ok: true, result: { ...corpusStats, paths: [MOBY_DICK] } })
    await service.trainerRequest({ type: 'loadCorpus', id: 'r6', paths: [MOBY_DICK], tokenizer: {} })
    expect(recent.list()).toEqual([])
    expect(settings.get().lastCorpus).toBeNull()
  })

  it('remembers opened vectors, but not a failed load', async () => {
    paths.grantRead(['/v/bad.vec', '/v/good.vec'])
    training.forward.mockResolvedValueOnce({ ok: false, error: { kind: 'vectors', message: 'Not a vectors file.' } })
    await service.trainerRequest({ type: 'openVectors', id: 'r7', path: '/v/bad.vec' })
    training.forward.mockResolvedValueOnce({ ok: true, result: { path: '/v/good.vec', words: 3, dim: 2, hasOutsideVectors: false, topWords: [] } })
    await service.trainerRequest({ type: 'openVectors', id: 'r8', path: '/v/good.vec' })
    expect(recent.list()).toEqual([{ path: '/v/good.vec', kind: 'vectors', openedAt: 42 }])
  })
})

describe('the files the user chose', () => {
  const forwarded = () => training.forward.mock.calls.map(([request]) => (request as { id: string }).id)
  const refused = (path: string) => ({ ok: false, error: { kind: 'notAllowed', message: expect.stringContaining(`“${path}” was not`) } })

  it.each([
    ['loadCorpus', { type: 'loadCorpus', id: 'r1', paths: ['/etc/shadow'], tokenizer: {} }, '/etc/shadow'],
    ['evaluate', { type: 'evaluate', id: 'r1', kind: 'wordPairs', path: '/etc/passwd' }, '/etc/passwd'],
    ['openVectors', { type: 'openVectors', id: 'r1', path: '/home/me/.ssh/id_rsa' }, '/home/me/.ssh/id_rsa'],
    ['loadCheckpoint', { type: 'loadCheckpoint', id: 'r1', path: '/tmp/planted.w2vckpt' }, '/tmp/planted.w2vckpt'],
    ['export', { type: 'export', id: 'r1', path: '/home/me/.bashrc', vectors: 'center', normalize: false }, '/home/me/.bashrc'],
    ['saveCheckpoint', { type: 'saveCheckpoint', id: 'r1', path: '/home/me/.profile' }, '/home/me/.profile'],
    ['configureAutosave', { type: 'configureAutosave', id: 'r1', path: '/home/me/.bashrc', everySeconds: 1 }, '/home/me/.bashrc'],
  ])('refuses %s of a file the user did not choose, with a sentence, and the trainer never sees it', async (_type, request, path) => {
    expect(await service.invoke('trainerRequest', request)).toEqual(refused(path))
    expect(training.forward).not.toHaveBeenCalled()
  })

  it('lets the window use what the dialogs chose: read what was opened, write where the save dialog said', async () => {
    training.forward.mockResolvedValue({ ok: false, error: { kind: 'state', message: 'fine' } })
    await service.invoke('openCorpusDialog', {})
    await service.invoke('openBenchmarkDialog', { kind: 'wordPairs' })
    await service.invoke('exportDialog', { defaultName: 'vectors', format: 'npy' })
    await service.invoke('trainerRequest', { type: 'loadCorpus', id: 'r1', paths: ['/corpora/b.txt', '/corpora/a.txt'], tokenizer: {} })
    await service.invoke('trainerRequest', { type: 'evaluate', id: 'r2', kind: 'wordPairs', path: '/benchmarks/wordPairs.txt' })
    await service.invoke('trainerRequest', { type: 'export', id: 'r3', path: '/exports/vectors.npy', vectors: 'center', normalize: false })
    await service.invoke('trainerRequest', { type: 'saveCheckpoint', id: 'r4', path: '/exports/vectors.npy' })
    // What one just saved may be opened again.
    await service.invoke('trainerRequest', { type: 'openVectors', id: 'r5', path: '/exports/vectors.npy' })
    expect(forwarded()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5'])
  })

  it('never writes over a file that was only opened, and reads only the file chosen however it is spelled', async () => {
    await service.invoke('openCorpusDialog', {})
    expect(await service.invoke('trainerRequest', { type: 'export', id: 'r1', path: '/corpora/a.txt', vectors: 'center', normalize: false })).toEqual(refused('/corpora/a.txt'))
    expect(await service.invoke('trainerRequest', { type: 'loadCorpus', id: 'r2', paths: ['/corpora/a.txt/../../etc/shadow'], tokenizer: {} })).toEqual(refused('/corpora/a.txt/../../etc/shadow'))
    // One stranger among chosen files refuses the whole request.
    expect(await service.invoke('trainerRequest', { type: 'loadCorpus', id: 'r3', paths: ['/corpora/a.txt', '/etc/shadow'], tokenizer: {} })).toEqual(refused('/etc/shadow'))
    expect(training.forward).not.toHaveBeenCalled()
    training.forward.mockResolvedValue({ ok: true, result: corpusStats })
    expect(await service.invoke('trainerRequest', { type: 'loadCorpus', id: 'r4', paths: ['/corpora/x/../a.txt'], tokenizer: {} })).toMatchObject({ ok: true, value: { ok: true } })
  })

  it('trusts the files of earlier sessions (recent files, the corpus to load at start) and the built-in corpus', async () => {
    await recent.add('/old/recent.vec', 'vectors')
    await settings.update({ lastCorpus: ['/old/last.txt'] })
    const later = await makeService()
    training.forward.mockResolvedValue({ ok: false, error: { kind: 'state', message: 'fine' } })
    for (const request of [
      { type: 'openVectors', id: 'r1', path: '/old/recent.vec' },
      { type: 'loadCorpus', id: 'r2', paths: ['/old/last.txt'], tokenizer: {} },
      { type: 'loadCorpus', id: 'r3', paths: [MOBY_DICK], tokenizer: {} },
    ]) expect(await later.invoke('trainerRequest', request)).toMatchObject({ ok: true })
    expect(forwarded()).toEqual(['r1', 'r2', 'r3'])
  })

  it('refuses a corpus for the next start, or a file to show, that the user did not choose', async () => {
    expect(await service.invoke('updateSettings', { lastCorpus: ['/etc/shadow'] })).toEqual(refused('/etc/shadow'))
    expect(settings.get().lastCorpus).toBeNull()
    expect(await service.invoke('showItemInFolder', { path: '/etc/shadow' })).toMatchObject({ ok: false, error: { kind: 'notAllowed' } })
    expect(shown).toEqual([])
  })

  describe('a checkpoint that names its corpus', () => {
    async function checkpointNaming(corpusPaths: string[] | undefined): Promise<string> {
      const path = join(folder, 'run.w2vckpt')
      await writeCheckpoint(path, { meta: { format: 'word2vec-studio-training', version: 1, corpus: { tokenizer: {}, minCount: 1, ...(corpusPaths ? { paths: corpusPaths } : {}) } }, arrays: {} })
      paths.grantRead([path])
      return path
    }

    it('asks the user about the corpus files they have not chosen, and does not read them when declined', async () => {
      await service.invoke('openCorpusDialog', {})
      const checkpoint = await checkpointNaming(['/corpora/a.txt', '/etc/shadow'])
      const response = await service.invoke('trainerRequest', { type: 'loadCheckpoint', id: 'r1', path: checkpoint })
      expect(confirmations).toEqual([{ checkpoint, corpusPaths: ['/etc/shadow'] }])
      expect(response).toEqual({ ok: false, error: { kind: 'notAllowed', message: 'The checkpoint was not opened: it reads its corpus from “/etc/shadow”, which you did not confirm.' } })
      expect(training.forward).not.toHaveBeenCalled()
    })

    it('restores the run once the user confirms, and asks nothing when every file was chosen', async () => {
      const checkpoint = await checkpointNaming(['/shared/corpus.txt'])
      confirmAnswer = true
      training.forward.mockResolvedValue({ ok: false, error: { kind: 'state', message: 'fine' } })
      expect(await service.invoke('trainerRequest', { type: 'loadCheckpoint', id: 'r1', path: checkpoint })).toMatchObject({ ok: true })
      expect(await service.invoke('trainerRequest', { type: 'loadCheckpoint', id: 'r2', path: checkpoint })).toMatchObject({ ok: true })
      expect(confirmations).toHaveLength(1)
      expect(forwarded()).toEqual(['r1', 'r2'])
      const bare = await checkpointNaming(undefined)
      expect(await service.invoke('trainerRequest', { type: 'loadCheckpoint', id: 'r3', path: bare })).toMatchObject({ ok: true })
      // Not a checkpoint at all: nothing to ask; the trainer refuses it in its own words.
      const text = join(folder, 'notes.txt')
      await writeFile(text, 'hello')
      paths.grantRead([text])
      expect(await service.invoke('trainerRequest', { type: 'loadCheckpoint', id: 'r4', path: text })).toMatchObject({ ok: true })
      expect(confirmations).toHaveLength(1)
      expect(forwarded()).toEqual(['r1', 'r2', 'r3', 'r4'])
      // The trainer is told which corpus files were confirmed, and reads no others.
      const corpusPaths = training.forward.mock.calls.map(([request]) => (request as { corpusPaths?: string[] }).corpusPaths)
      expect(corpusPaths).toEqual([['/shared/corpus.txt'], ['/shared/corpus.txt'], [], []])
    })
  })
})

describe('dropped folders', () => {
  it('names the Spark model folders among the files the user dropped, and looks at no other path', async () => {
    const spark = join(folder, 'w2v-model')
    await mkdir(join(spark, 'metadata'), { recursive: true })
    await writeFile(join(spark, 'metadata', 'part-00000'), '{"class":"org.apache.spark.ml.feature.Word2VecModel"}\n')
    const texts = join(folder, 'texts')
    await mkdir(texts)
    const file = join(folder, 'a.txt')
    await writeFile(file, 'text\n')
    paths.grantRead([spark, texts, file])
    expect(await service.invoke('sparkModelFolders', { paths: [file, spark, texts] })).toEqual({ ok: true, value: { paths: [spark] } })
    expect(await service.invoke('sparkModelFolders', { paths: [spark, '/etc'] })).toEqual({ ok: false, error: { kind: 'notAllowed', message: expect.stringContaining('“/etc” was not read') } })
  })
})

describe('dialogs and files', () => {
  it('returns what the dialogs chose', async () => {
    expect(await service.invoke('openCorpusDialog', {})).toEqual({ ok: true, value: { paths: ['/corpora/a.txt', '/corpora/b.txt'] } })
    expect(await service.invoke('openVectorsDialog', {})).toEqual({ ok: true, value: { path: null } })
    expect(await service.invoke('openBenchmarkDialog', { kind: 'analogy' })).toEqual({ ok: true, value: { path: '/benchmarks/analogy.txt' } })
    expect(await service.invoke('exportDialog', { defaultName: 'vectors', format: 'npy' })).toEqual({ ok: true, value: { path: '/exports/vectors.npy' } })
  })

  it('gives the built-in corpus as a path the trainer can read', async () => {
    expect(await service.invoke('builtInCorpus', {})).toEqual({ ok: true, value: { path: MOBY_DICK, title: BUILT_IN_CORPUS_TITLE } })
    expect(MOBY_DICK).toMatch(/datasets-moby-dick[/\\]data[/\\]data\.txt$/)
  })

  it('says so when the built-in corpus is missing', async () => {
    const bare = await makeService({ builtInCorpusPath: () => join(folder, 'missing.txt') })
    expect(await bare.builtInCorpus()).toEqual({ ok: false, error: { kind: 'unavailable', message: 'The built-in corpus (Moby-Dick) is missing from this installation; open a text file of your own instead.' } })
  })

  it('shows an existing file in its folder, and refuses one that is gone', async () => {
    const file = join(folder, 'vectors.vec')
    await writeFile(file, '')
    paths.grantWrite(file)
    paths.grantWrite(join(folder, 'gone.vec'))
    expect(await service.invoke('showItemInFolder', { path: file })).toEqual({ ok: true, value: {} })
    expect(shown).toEqual([file])
    expect(await service.invoke('showItemInFolder', { path: join(folder, 'gone.vec') })).toMatchObject({ ok: false, error: { kind: 'io', message: expect.stringMatching(/^There is no file at “.*gone\.vec” any more\.$/) } })
    expect(shown).toHaveLength(1)
  })

  it('lists and clears recent files', async () => {
    await recent.add('/corpora/a.txt', 'corpus')
    expect(await service.invoke('recentFiles', {})).toEqual({ ok: true, value: [{ path: '/corpora/a.txt', kind: 'corpus', openedAt: 42 }] })
    expect(await service.invoke('clearRecentFiles', {})).toEqual({ ok: true, value: [] })
    expect(recent.list()).toEqual([])
  })
})

describe('settings, restart and app info', () => {
  it('reads and updates settings, announces the change and re-applies a new autosave interval', async () => {
    expect(await service.invoke('getSettings', {})).toEqual({ ok: true, value: DEFAULT_SETTINGS })
    const response = await service.invoke('updateSettings', { autosaveSeconds: 120 })
    expect(response).toEqual({ ok: true, value: { ...DEFAULT_SETTINGS, autosaveSeconds: 120 } })
    expect(events).toEqual([{ type: 'settingsChanged', settings: { ...DEFAULT_SETTINGS, autosaveSeconds: 120 } }])
    expect(training.configureAutosave).toHaveBeenCalledTimes(1)
    await service.invoke('updateSettings', { theme: 'dark' })
    expect(training.configureAutosave).toHaveBeenCalledTimes(1)
  })

  it('reports settings that cannot be saved as an io error', async () => {
    // A folder where the settings file should be: the final rename fails.
    await mkdir(join(folder, 'settings.json'))
    expect(await service.invoke('updateSettings', { theme: 'dark' })).toMatchObject({ ok: false, error: { kind: 'io', message: expect.stringMatching(/^Could not save the settings “.*settings\.json”/) } })
    // A file where the data folder should be: the folder cannot be created.
    await writeFile(join(folder, 'blocked'), '')
    const blocked = await makeService({ settings: new SettingsStore(join(folder, 'blocked', 'inner'), memoryLogger()) })
    expect(await blocked.updateSettings({ theme: 'dark' })).toMatchObject({ ok: false, error: { kind: 'io', message: expect.stringMatching(/^Could not create the folder “.*inner” for the settings/) } })
  })

  it('restarts the trainer and says what it restored', async () => {
    training.restart.mockResolvedValue({ restoredFrom: '/data/autosave.w2vckpt' })
    expect(await service.invoke('restartTrainer', { fromCheckpoint: true })).toEqual({ ok: true, value: { restoredFrom: '/data/autosave.w2vckpt' } })
    expect(training.restart).toHaveBeenCalledWith({ fromCheckpoint: true })
    training.restart.mockRejectedValue(new TrainerHostError('trainer', 'The checkpoint is damaged.', { kind: 'checkpoint', message: 'The checkpoint is damaged.' }))
    expect(await service.invoke('restartTrainer', { fromCheckpoint: true })).toEqual({ ok: false, error: { kind: 'io', message: 'The checkpoint is damaged.' } })
  })

  it('returns the app\'s name, version and licenses', async () => {
    expect(await service.invoke('appInfo', {})).toEqual({ ok: true, value: { name: 'Word2Vec Studio', version: '0.1.0', licenses: [{ name: 'valibot', version: '1.5.0', license: 'MIT' }] } })
  })
})

describe('openExternal', () => {
  it.each([
    'https://projector.tensorflow.org/',
    'https://radimrehurek.com/gensim/models/word2vec.html',
    'https://web.stanford.edu/class/cs224n/',
    'https://arxiv.org/abs/1301.3781',
    'https://github.com/tmikolov/word2vec/blob/master/word2vec.c',
  ])('opens %s', async (url) => {
    expect(await service.invoke('openExternal', { url })).toEqual({ ok: true, value: {} })
    expect(opened).toEqual([url])
  })

  it.each([
    ['http://projector.tensorflow.org/', /Only https links/],
    ['https://example.com/', /not on the app's list/],
    ['https://projector.tensorflow.org.evil.example/', /not on the app's list/],
    ['https://github.com/someone/else', /not on the app's list/],
    ['https://github.com/tmikolov/word2vec-fork', /not on the app's list/],
    ['https://radimrehurek.com/gensimx/', /not on the app's list/],
    ['https://user:pw@github.com/tmikolov/word2vec', /user name, password or port/],
    ['https://projector.tensorflow.org:8443/', /user name, password or port/],
    ['javascript:alert(1)', /Only https links/],
    ['file:///etc/passwd', /Only https links/],
    ['not a url', /is not a web address/],
  ])('refuses %s', async (url, reason) => {
    expect(await service.invoke('openExternal', { url })).toMatchObject({ ok: false, error: { kind: 'notAllowed', message: expect.stringMatching(reason) } })
    expect(opened).toEqual([])
  })
})

describe('AppService.saveFigure', () => {
  /** The smallest PNG header a viewer would start reading: the signature and a 3 × 2 IHDR. */
  const tinyPng = Buffer.from([...PNG_SIGNATURE, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0]).toString('base64')

  it('asks where to save under the course’s name, and writes the CSV there', async () => {
    const csv = 'word,x,y\r\nking,1,2\r\n'
    expect(await service.invoke('saveFigure', { figure: 'scatter', format: 'csv', content: csv })).toEqual({ ok: true, value: { path: join(folder, 'word_vectors.csv') } })
    expect(figureAsked).toEqual(['word_vectors.csv'])
    expect(await readFile(join(folder, 'word_vectors.csv'), 'utf8')).toBe(csv)
  })

  it('decodes a PNG sent as base64 and writes its bytes', async () => {
    const result = await service.invoke('saveFigure', { figure: 'loss', format: 'png', content: tinyPng })
    expect(result).toEqual({ ok: true, value: { path: join(folder, 'loss.png') } })
    expect(pngSize(await readFile(join(folder, 'loss.png')))).toEqual({ width: 3, height: 2 })
  })

  it('refuses a “PNG” that is not one, before asking where to save it', async () => {
    const result = await service.invoke('saveFigure', { figure: 'loss', format: 'png', content: Buffer.from('<svg/>').toString('base64') })
    expect(result).toMatchObject({ ok: false, error: { kind: 'badRequest', message: 'The loss chart was not saved: the window sent an image that is not a PNG.' } })
    expect(figureAsked).toEqual([])
  })

  it('writes nothing when the user cancels the dialog', async () => {
    figureAnswer = () => null
    expect(await service.invoke('saveFigure', { figure: 'scatter', format: 'svg', content: '<svg/>' })).toEqual({ ok: true, value: { path: null } })
    expect(await readdir(folder)).not.toContain('word_vectors.svg')
  })

  it('answers a full disk with a sentence, and leaves the earlier file as it was', async () => {
    await writeFile(join(folder, 'word_vectors.svg'), 'the earlier figure')
    const writes = await interceptWrites(0, () => {
      throw systemError('ENOSPC')
    })
    try {
      const result = await service.invoke('saveFigure', { figure: 'scatter', format: 'svg', content: '<svg/>' })
      expect(result).toEqual({ ok: false, error: { kind: 'io', message: `The disk is full: could not save the word vectors plot “${join(folder, 'word_vectors.svg')}”. Free some space and try again.` } })
    } finally {
      writes.mockRestore()
    }
    expect(await readFile(join(folder, 'word_vectors.svg'), 'utf8')).toBe('the earlier figure')
    expect((await readdir(folder)).filter((name) => name.includes('word_vectors'))).toEqual(['word_vectors.svg'])
  })

  it('answers a folder that cannot be written with a sentence', async () => {
    figureAnswer = (name) => join(folder, 'no such folder', name)
    const result = await service.invoke('saveFigure', { figure: 'loss', format: 'csv', content: 'run\r\n' })
    expect(result).toMatchObject({ ok: false, error: { kind: 'io', message: expect.stringMatching(/^The folder “.*no such folder” does not exist: could not save the loss chart/) } })
  })

  it('refuses a figure or form it does not know', async () => {
    expect(await service.invoke('saveFigure', { figure: 'tsne', format: 'csv', content: '' })).toMatchObject({ ok: false, error: { kind: 'badRequest' } })
    expect(await service.invoke('saveFigure', { figure: 'loss', format: 'jpg', content: '' })).toMatchObject({ ok: false, error: { kind: 'badRequest' } })
  })
})
