import { describe, expect, it } from 'vitest'
import { QueuedDialogs, RecordingShell } from './desktopStandIns'

describe('the harness dialogs', () => {
  it('answer in order per kind, then as if cancelled', async () => {
    const dialogs = new QueuedDialogs()
    dialogs.enqueue({ channel: 'exportDialog', answer: '/tmp/one.bin' })
    dialogs.enqueue({ channel: 'openCorpusDialog', answer: ['/tmp/a.txt', '/tmp/b.txt'] })
    dialogs.enqueue({ channel: 'exportDialog', answer: '/tmp/two.bin' })
    expect(await dialogs.openBenchmark()).toBeNull()
    expect(await dialogs.exportTarget()).toBe('/tmp/one.bin')
    expect(await dialogs.openCorpus()).toEqual(['/tmp/a.txt', '/tmp/b.txt'])
    expect(await dialogs.exportTarget()).toBe('/tmp/two.bin')
    expect(await dialogs.exportTarget()).toBeNull()
    expect(await dialogs.openCorpus()).toEqual([])
  })

  it('confirm reading a checkpoint\'s corpus only when the test said so', async () => {
    const dialogs = new QueuedDialogs()
    dialogs.enqueue({ channel: 'confirmCheckpointCorpus', answer: true })
    expect(await dialogs.confirmCheckpointCorpus()).toBe(true)
    expect(await dialogs.confirmCheckpointCorpus()).toBe(false)
  })

  it('forget their queue on clear', async () => {
    const dialogs = new QueuedDialogs()
    dialogs.enqueue({ channel: 'openVectorsDialog', answer: '/tmp/v.vec' })
    dialogs.clear()
    expect(await dialogs.openVectors(false)).toBeNull()
  })
})

describe('the harness shell', () => {
  it('records what it was asked to open', async () => {
    const shell = new RecordingShell()
    await shell.openExternal('https://projector.tensorflow.org/')
    shell.showItemInFolder('/tmp/v.bin')
    expect(shell.calls).toEqual([{ call: 'openExternal', url: 'https://projector.tensorflow.org/' }, { call: 'showItemInFolder', path: '/tmp/v.bin' }])
    shell.clear()
    expect(shell.calls).toEqual([])
  })
})
