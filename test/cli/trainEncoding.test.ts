/**
 * `w2v train` on corpora in legacy encodings (written by Python's codecs from our own texts):
 * a detected encoding is used and said in a notice, --encoding names one (any WHATWG label), an
 * unknown label is refused with examples, and a checkpoint keeps the encoding as part of the
 * corpus it trained on, so a resume that reads the file in another is refused.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { rawCorpusFromText } from '../../src-main/core/corpus/index'
import { loadTrainingCheckpoint } from '../../src-main/node/training/trainingCheckpoint'
import { writeLegacyFiles } from '../support/legacyFiles'
import { JAPANESE, RUSSIAN } from '../support/legacyTexts'
import { pythonCanImport } from '../support/python'

const HAS_PYTHON = pythonCanImport('codecs', 'the w2v train encoding tests')
const dir = mkdtempSync(join(tmpdir(), 'w2v-train-encoding-'))
const files = HAS_PYTHON
  ? writeLegacyFiles(dir, [
      { name: 'shift_jis', text: JAPANESE.repeat(30), codec: 'shift_jis', accepted: ['shift_jis'] },
      { name: 'cp1251', text: RUSSIAN.repeat(30), codec: 'cp1251', accepted: ['windows-1251'] },
    ])
  : new Map<string, string>()
const quick = ['--dim', '8', '--epochs', '1', '--min-count', '1', '--threads', '1']

afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** The words of a word2vec text file, one a row after its header. */
const vectorWords = (path: string) => readFileSync(path, 'utf8').trim().split('\n').slice(1).map((line) => line.split(' ')[0]!)

describe.skipIf(!HAS_PYTHON)('w2v train on a corpus that is not UTF-8', () => {
  it('reads it in the encoding its bytes show and says so in a notice', async () => {
    const out = join(dir, 'ru.txt')
    const result = await runCli(['train', '--corpus', files.get('cp1251')!, ...quick, '--out', out])
    expect(result.exitCode).toBe(0)
    expect(result.stderr).toContain('Warning: “cp1251.txt” is not UTF-8: it was read as Windows-1251, the encoding its bytes look like')
    expect(result.stderr).toContain('Run again with --encoding <label> to read it in another.')
    expect(new Set(vectorWords(out))).toEqual(new Set(rawCorpusFromText(RUSSIAN).types))
  })

  it('prints the notice as a JSON line with --json', async () => {
    const result = await runCli(['train', '--corpus', files.get('cp1251')!, ...quick, '--out', join(dir, 'ru-json.txt'), '--json'])
    const notices = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; message?: string }).filter((l) => l.type === 'notice')
    expect(notices.some((n) => n.message?.includes('was read as Windows-1251'))).toBe(true)
  })

  it('reads it in the encoding --encoding names, any WHATWG label, without the notice', async () => {
    const out = join(dir, 'ja.txt')
    const result = await runCli(['train', '--corpus', files.get('shift_jis')!, ...quick, '--segment', 'words', '--encoding', 'SJIS', '--out', out])
    expect(result.exitCode).toBe(0)
    expect(result.stderr).not.toContain('is not UTF-8')
    expect(new Set(vectorWords(out))).toEqual(new Set(rawCorpusFromText(JAPANESE, { segmentation: 'words' }).types))
    // Named wrong, the file is still read: KOI8-R gives every byte a character, so only the words show the mistake.
    const wrongOut = join(dir, 'ja-wrong.txt')
    const wrong = await runCli(['train', '--corpus', files.get('shift_jis')!, ...quick, '--segment', 'words', '--encoding', 'koi8-r', '--out', wrongOut])
    expect(wrong.exitCode).toBe(0)
    expect(vectorWords(wrongOut).some((word) => /\p{Script=Cyrillic}/u.test(word))).toBe(true)
    expect(vectorWords(wrongOut).some((word) => /\p{Script=Han}/u.test(word))).toBe(false)
  })

  it('refuses a label no decoder knows, with examples', async () => {
    const result = await runCli(['train', '--corpus', files.get('cp1251')!, ...quick, '--encoding', 'klingon', '--out', join(dir, 'never.txt')])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toBe('w2v train: --encoding: “klingon” is not the name of a text encoding. Use a WHATWG encoding label, such as utf-8, windows-1252, latin1, gbk, big5, shift_jis, euc-jp, euc-kr, koi8-r, windows-1251.\n')
    // ISO-2022-KR is a label, but of the "replacement" encoding browsers refuse to read.
    expect((await runCli(['train', '--corpus', files.get('cp1251')!, ...quick, '--encoding', 'iso-2022-kr', '--out', join(dir, 'never.txt')])).exitCode).toBe(2)
  })

  it('keeps the encoding in the checkpoint, and refuses a resume that reads the file in another', async () => {
    const ckpt = join(dir, 'ja.w2vckpt')
    const corpus = files.get('shift_jis')!
    expect((await runCli(['train', '--corpus', corpus, ...quick, '--segment', 'words', '--out', join(dir, 'first.txt'), '--checkpoint', ckpt])).exitCode).toBe(0)
    const saved = await loadTrainingCheckpoint(ckpt)
    expect(saved.corpus.encodings).toEqual(['shift_jis'])
    expect(saved.corpus.tokenizer.encoding).toBeUndefined()

    const other = await runCli(['train', '--corpus', corpus, '--resume', ckpt, '--encoding', 'euc-jp', '--out', join(dir, 'again.txt')])
    expect(other.exitCode).toBe(2)
    expect(other.stderr).toMatch(/^w2v train: The saved run read “shift_jis\.txt” as Shift_JIS, but it was read as EUC-JP now, which makes other words of its bytes; resume with the file read as Shift_JIS\.\n$/m)

    expect((await runCli(['train', '--corpus', corpus, '--resume', ckpt, '--out', join(dir, 'again.txt')])).exitCode).toBe(0)
    expect((await runCli(['train', '--corpus', corpus, '--resume', ckpt, '--encoding', 'shift_jis', '--out', join(dir, 'again.txt')])).exitCode).toBe(0)
  })
})
