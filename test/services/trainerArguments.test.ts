import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tokenDirectoryArgument, trainerArguments } from '../../src-main/node/services/trainerArguments'

describe('the trainer command line', () => {
  it('names the folder of prepared corpora inside the app data, and the trainer reads it back', () => {
    const userData = join('/home', 'someone', '.config', 'Word2Vec Studio')
    expect(tokenDirectoryArgument(['node', 'trainer.js', ...trainerArguments(userData)])).toBe(join(userData, 'prepared-corpora'))
    expect(tokenDirectoryArgument(['node', 'trainer.js'])).toBeUndefined()
  })
})
