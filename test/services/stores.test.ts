import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '../../src-main/core/contract/appProtocol'
import { ContractError } from '../../src-main/core/contract/validation'
import { MAX_RECENT_FILES, RecentFiles } from '../../src-main/node/services/recentFiles'
import { SettingsStore } from '../../src-main/node/services/settingsStore'
import { DEFAULT_WINDOW_SIZE, WindowStateStore, placeWindow } from '../../src-main/node/services/windowState'
import { memoryLogger } from './fakeTrainer'

let folder: string
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'w2v-stores-'))
})
afterEach(() => rm(folder, { recursive: true, force: true }))

describe('SettingsStore', () => {
  it('starts from the defaults when there is no file, and writes the JSON file on update', async () => {
    const store = new SettingsStore(folder, memoryLogger())
    expect(await store.load()).toEqual(DEFAULT_SETTINGS)
    const changes: Settings[] = []
    store.onDidChange((s) => changes.push(s))
    const updated = await store.update({ theme: 'dark', autosaveSeconds: 60, threads: undefined })
    expect(updated).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark', autosaveSeconds: 60 })
    expect(changes).toEqual([updated])
    expect(JSON.parse(await readFile(join(folder, 'settings.json'), 'utf8'))).toEqual(updated)
    // Atomic: nothing but the file itself is left in the folder.
    expect(await readdir(folder)).toEqual(['settings.json'])
    expect(await new SettingsStore(folder, memoryLogger()).load()).toEqual(updated)
  })

  it('keeps a corrupt file aside as .corrupt, warns and uses the defaults', async () => {
    await writeFile(join(folder, 'settings.json'), '{"theme": "dark", ')
    const log = memoryLogger()
    const store = new SettingsStore(folder, log)
    expect(await store.load()).toEqual(DEFAULT_SETTINGS)
    expect(await readFile(join(folder, 'settings.json.corrupt'), 'utf8')).toBe('{"theme": "dark", ')
    expect(existsSync(join(folder, 'settings.json'))).toBe(false)
    expect(log.entries).toHaveLength(1)
    expect(log.entries[0]!.message).toMatch(/^The settings file “.*settings\.json” could not be used \(it is not valid JSON: .*\); it was kept as “.*settings\.json\.corrupt” and the defaults are used\.$/)
  })

  it('treats a file that does not fit the schema as corrupt too', async () => {
    await writeFile(join(folder, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, autosaveSeconds: -5 }))
    const log = memoryLogger()
    expect(await new SettingsStore(folder, log).load()).toEqual(DEFAULT_SETTINGS)
    expect(log.entries[0]!.message).toMatch(/Invalid settings file at "autosaveSeconds"/)
    expect(existsSync(join(folder, 'settings.json.corrupt'))).toBe(true)
  })

  it('refuses an update that breaks the schema, and changes nothing', async () => {
    const store = new SettingsStore(folder, memoryLogger())
    await store.load()
    await expect(store.update({ threads: 0 })).rejects.toBeInstanceOf(ContractError)
    expect(store.get()).toEqual(DEFAULT_SETTINGS)
    expect(existsSync(join(folder, 'settings.json'))).toBe(false)
  })

  it('applies updates made in quick succession on top of each other', async () => {
    const store = new SettingsStore(folder, memoryLogger())
    await store.load()
    await Promise.all([store.update({ theme: 'light' }), store.update({ autosaveSeconds: 5 })])
    expect(JSON.parse(await readFile(join(folder, 'settings.json'), 'utf8'))).toMatchObject({ theme: 'light', autosaveSeconds: 5 })
  })
})

describe('RecentFiles', () => {
  it('keeps the newest first, once per path, at most ten, and persists them', async () => {
    let clock = 1000
    const recent = new RecentFiles(folder, memoryLogger(), () => clock++)
    await recent.load()
    for (let i = 0; i < 12; i++) await recent.add(`/corpora/${i}.txt`, 'corpus')
    await recent.add('/corpora/5.txt', 'corpus')
    await recent.add('/vectors/v.vec', 'vectors')
    const list = recent.list()
    expect(list).toHaveLength(MAX_RECENT_FILES)
    expect(list.slice(0, 3)).toEqual([
      { path: '/vectors/v.vec', kind: 'vectors', openedAt: 1013 },
      { path: '/corpora/5.txt', kind: 'corpus', openedAt: 1012 },
      { path: '/corpora/11.txt', kind: 'corpus', openedAt: 1011 },
    ])
    expect(list.filter((f) => f.path === '/corpora/5.txt')).toHaveLength(1)
    const reloaded = new RecentFiles(folder, memoryLogger())
    expect(await reloaded.load()).toEqual(list)
    expect(await reloaded.clear()).toEqual([])
    expect(await new RecentFiles(folder, memoryLogger()).load()).toEqual([])
  })

  it('keeps a corrupt list aside and starts empty', async () => {
    await writeFile(join(folder, 'recent-files.json'), JSON.stringify([{ path: 1 }]))
    const log = memoryLogger()
    expect(await new RecentFiles(folder, log).load()).toEqual([])
    expect(existsSync(join(folder, 'recent-files.json.corrupt'))).toBe(true)
    expect(log.entries[0]!.message).toMatch(/recent files file/)
  })
})

describe('window placement', () => {
  const laptop = { x: 0, y: 25, width: 1440, height: 875 }
  const monitor = { x: 1440, y: 0, width: 2560, height: 1440 }

  it('centres the default size on the primary display the first time', () => {
    expect(placeWindow(null, [laptop, monitor])).toEqual({ bounds: { x: 80, y: 53, ...DEFAULT_WINDOW_SIZE }, maximized: false })
  })

  it('keeps a window that is still on a display where it was', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1000, height: 700 }, maximized: true }
    expect(placeWindow(saved, [laptop, monitor])).toEqual(saved)
  })

  it('pulls a window that hangs over an edge back inside its display, shrinking it to fit', () => {
    const saved = { bounds: { x: 3800, y: -40, width: 3000, height: 800 }, maximized: false }
    expect(placeWindow(saved, [laptop, monitor]).bounds).toEqual({ x: 1440, y: 0, width: 2560, height: 800 })
  })

  it('moves a window from a display that is gone to the centre of the primary one', () => {
    const saved = { bounds: { x: 2000, y: 200, width: 1200, height: 800 }, maximized: false }
    expect(placeWindow(saved, [laptop]).bounds).toEqual({ x: 120, y: 63, width: 1200, height: 800 })
  })

  it('persists the state and rounds fractional bounds', async () => {
    const store = new WindowStateStore(folder, memoryLogger())
    expect(await store.load()).toBeNull()
    await store.save({ bounds: { x: 10.4, y: 20.6, width: 900, height: 600 }, maximized: false })
    expect(await store.load()).toEqual({ bounds: { x: 10, y: 21, width: 900, height: 600 }, maximized: false })
  })
})
