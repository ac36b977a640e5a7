import { describe, expect, it } from 'vitest'
import type { TrainerRequest } from '../../src-main/core/contract/trainerProtocol'
import { PathGrants } from '../../src-main/node/services/pathGrants'

describe('PathGrants', () => {
  it('knows nothing at first: every file a request names is refused with a sentence naming it', () => {
    const grants = new PathGrants()
    expect(grants.refusal({ type: 'loadCorpus', id: 'r1', paths: ['/etc/shadow'], tokenizer: {} })).toBe('“/etc/shadow” was not read: the app reads only files you open, drop on the window or pick from recent files. Open it from the File menu.')
    expect(grants.refusal({ type: 'export', id: 'r1', path: '/home/me/.bashrc', vectors: 'center', normalize: false })).toBe('“/home/me/.bashrc” was not written: the app saves only to a place you chose in its Save dialog. Choose where to save with Export.')
  })

  it('lets requests without files through', () => {
    const grants = new PathGrants()
    const requests: TrainerRequest[] = [{ type: 'pause', id: 'r1' }, { type: 'neighbours', id: 'r2', word: 'whale', k: 5, vectors: 'center' }, { type: 'ack', seq: 1 }]
    for (const request of requests) expect(grants.refusal(request)).toBeNull()
  })

  it('reads what was granted for reading or writing, and writes only what was granted for writing', () => {
    const grants = new PathGrants()
    grants.grantRead(['/books/moby.txt'])
    grants.grantWrite('/out/v.vec')
    expect([grants.mayRead('/books/moby.txt'), grants.mayWrite('/books/moby.txt')]).toEqual([true, false])
    expect([grants.mayRead('/out/v.vec'), grants.mayWrite('/out/v.vec')]).toEqual([true, true])
    expect(grants.refusal({ type: 'saveCheckpoint', id: 'r1', path: '/books/moby.txt' })).toMatch(/was not written/)
    expect(grants.refusal({ type: 'openVectors', id: 'r1', path: '/out/v.vec' })).toBeNull()
  })

  it('compares files, not spellings', () => {
    const grants = new PathGrants()
    grants.grantRead(['/books/moby.txt'])
    expect(grants.mayRead('/books/./other/../moby.txt')).toBe(true)
    expect(grants.mayRead('/books/moby.txt/../../etc/shadow')).toBe(false)
    expect(grants.mayRead('/books')).toBe(false)
    expect(grants.mayRead('/books/moby.txt.bak')).toBe(false)
  })
})
