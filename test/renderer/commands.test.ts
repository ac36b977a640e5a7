import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { commandForKey } from '../../src-renderer/src/composables/keyboardShortcuts'
import { useAppStore } from '../../src-renderer/src/stores/app'
import { useExportStore } from '../../src-renderer/src/stores/export'
import { type FakeW2v, installFakeW2v, ok, startFakeSession } from './fakeW2v'

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key: k, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods,
})

describe('commands from the keyboard and the menu', () => {
  let fake: FakeW2v
  let disconnect: () => void
  beforeEach(async () => {
    setActivePinia(createPinia())
    fake = installFakeW2v()
    disconnect = await startFakeSession()
  })
  afterEach(() => {
    disconnect()
    vi.unstubAllGlobals()
  })

  it('maps Ctrl or Cmd shortcuts to the menu’s commands', () => {
    expect(commandForKey(key('o', { ctrlKey: true }))).toBe('openCorpus')
    expect(commandForKey(key('O', { metaKey: true, shiftKey: true }))).toBe('openVectors')
    expect(commandForKey(key('e', { metaKey: true }))).toBe('export')
    expect(commandForKey(key('Enter', { ctrlKey: true }))).toBe('train')
    expect(commandForKey(key('Enter'))).toBeNull()
    expect(commandForKey(key('e', { ctrlKey: true, altKey: true }))).toBeNull()
  })

  it('runs menu commands: export opens the dialog, open corpus loads what the dialog chose', async () => {
    fake.emitApp({ type: 'menuCommand', command: 'export' })
    expect(useExportStore().open).toBe(true)
    fake.handle('openCorpusDialog', () => ({ ok: true, value: { paths: ['/c/one.txt', '/c/two.txt'] } }))
    fake.emitApp({ type: 'menuCommand', command: 'openCorpus' })
    await vi.waitFor(() => expect(fake.requestsOf('loadCorpus').map((r) => r.paths)).toContainEqual(['/c/one.txt', '/c/two.txt']))
  })

  it('runs the gradient check from the menu on its own view', async () => {
    fake.handleTrainer('gradientCheck', () => ok({ passed: true, checks: [], corpusSkipped: null }))
    fake.emitApp({ type: 'menuCommand', command: 'gradientCheck' })
    expect(useAppStore().view).toBe('gradcheck')
    await vi.waitFor(() => expect(fake.requestsOf('gradientCheck')).toHaveLength(1))
  })

  it('opens a file the app hands over as the kind it names', async () => {
    fake.handleTrainer('openVectors', () => ok({ path: '/v/model.txt', words: 10, dim: 5, hasOutsideVectors: false, topWords: [] }))
    fake.emitApp({ type: 'openFile', path: '/v/model.txt', kind: 'vectors' })
    await vi.waitFor(() => expect(fake.requestsOf('openVectors').map((r) => r.path)).toEqual(['/v/model.txt']))
    expect(fake.requestsOf('loadCorpus')).toHaveLength(1)
  })
})
