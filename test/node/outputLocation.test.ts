import { linkSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { OutputLocationError, checkFreeSpace, checkOutputLocations } from '../../src-main/node/outputLocation'

const dir = mkdtempSync(join(tmpdir(), 'w2v-output-location-'))

describe('checkFreeSpace', () => {
  it('refuses files that cannot fit on their disk, naming them and the space they need', async () => {
    const files = [{ path: join(dir, 'run.w2vckpt'), description: 'the checkpoint', bytes: 1e18 }, { path: join(dir, 'v.vec'), description: 'the vectors', bytes: 1e3 }]
    const refusal = checkFreeSpace(files)
    await expect(refusal).rejects.toBeInstanceOf(OutputLocationError)
    await expect(refusal).rejects.toMatchObject({ kind: 'diskFull', message: expect.stringMatching(/not enough free space for the checkpoint .* and the vectors .*: they need about 1,000,000,000,000 MB/) })
  })

  it('accepts files that fit', async () => {
    await expect(checkFreeSpace([{ path: join(dir, 'small.vec'), description: 'the vectors', bytes: 1000 }])).resolves.toBeUndefined()
  })
})

describe('checkOutputLocations', () => {
  it('treats a hard link to an input as that input', async () => {
    const corpus = join(dir, 'corpus.txt')
    writeFileSync(corpus, 'a b c\n')
    linkSync(corpus, join(dir, 'hard.txt'))
    await expect(checkOutputLocations([{ path: join(dir, 'hard.txt'), description: 'the vectors' }], [{ path: corpus, description: 'the corpus' }]))
      .rejects.toMatchObject({ kind: 'isInput' })
  })

  it('lets an output replace the inputs it names as replaceable, and no other', async () => {
    const saved = join(dir, 'run.w2vckpt')
    writeFileSync(saved, 'x')
    const inputs = [{ path: saved, description: 'the checkpoint being resumed' }]
    await expect(checkOutputLocations([{ path: saved, description: 'the checkpoint', mayReplace: [saved] }], inputs)).resolves.toBeUndefined()
    await expect(checkOutputLocations([{ path: saved, description: 'the vectors' }], inputs)).rejects.toMatchObject({ kind: 'isInput' })
  })
})
