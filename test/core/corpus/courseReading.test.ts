/**
 * The course's reading of datasetSentences.txt (CS224n A2's utils/treebank.py), written here in
 * Python from the issue's description and run on generated files: our CS224n layout, whitespace
 * split and UNK give the same sentences, counts and rejection probabilities.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { datasetSentencesText } from '../../../bench/datasetSentences'
import { presetTokenizer } from '../../../src-main/core/contract/settingsValidation'
import { UNK, buildVocabulary, encodeCorpus, rawCorpusFromText } from '../../../src-main/core/corpus/index'
import { rejectProbabilities } from '../../../src-main/core/training/courseSubsampling'
import { PYTHON, pythonCanImport } from '../../support/python'

/** The course's StanfordSentiment.sentences, tokens and rejectProb, as the issue describes them. */
const COURSE_READING = String.raw`
import json, math, sys
path, sample = sys.argv[1], float(sys.argv[2])
sentences = []
with open(path, "r", encoding="utf-8") as f:
    first = True
    for line in f:
        if first:
            first = False
            continue
        sentences.append([w.lower() for w in line.strip().split()[1:]])
freq, order, wordcount = {}, [], 0
for s in sentences:
    for w in s:
        wordcount += 1
        if w not in freq:
            order.append(w)
            freq[w] = 0
        freq[w] += 1
order.append("UNK")
freq["UNK"] = 1
wordcount += 1
threshold = sample * wordcount
reject = {w: max(0, 1 - math.sqrt(threshold / freq[w])) for w in order}
json.dump({"sentences": sentences, "freq": freq, "reject": reject, "wordcount": wordcount}, sys.stdout)
`

/** The treebank's awkward tokens, in sentences of our own. */
const AWKWARD = [
  'sentence_index\tsentence',
  "1\tIt 's a -LRB- mostly -RRB- charming film -- and , yes , it 's long ...",
  '2\t`` Worth it , \'\' she said ; the Rock \'s best since Ã© ... ?',
  '3\tBoring .',
  '4\tA\u00a0film\u3000that  doesn\'t  \u2019quite\u2019 work : n\'t it ?',
  '5\tUNK unk Unk -lrb- -LRB-',
  '6\t',
  '7\t--',
].join('\r\n') + '\r\n'

const folder = mkdtempSync(join(tmpdir(), 'w2v-course-reading-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

interface CourseReading {
  readonly sentences: string[][]
  readonly freq: Record<string, number>
  readonly reject: Record<string, number>
  readonly wordcount: number
}

function courseReading(text: string, sample: number): CourseReading {
  const path = join(folder, `datasetSentences-${Math.random().toString(36).slice(2)}.txt`)
  writeFileSync(path, text)
  const run = spawnSync(PYTHON, ['-c', COURSE_READING, path, String(sample)], { encoding: 'utf8', maxBuffer: 1 << 28 })
  if (run.status !== 0) throw new Error(run.stderr)
  return JSON.parse(run.stdout) as CourseReading
}

function ourReading(text: string, sample: number) {
  const raw = rawCorpusFromText(text, presetTokenizer('cs224n', 'cs224n'))
  const { vocabulary } = buildVocabulary(raw, { minCount: 1, unk: true })
  const corpus = encodeCorpus(raw, vocabulary)
  const sentences: string[][] = []
  let start = 0
  for (const end of corpus.sentenceEnds) {
    sentences.push(Array.from(corpus.ids.subarray(start, end), (id) => vocabulary.words[id]!))
    start = end
  }
  return { vocabulary, sentences, reject: rejectProbabilities(vocabulary.counts, sample) }
}

describe.runIf(pythonCanImport('json', 'the course-reading comparison'))('the course’s reading of datasetSentences.txt', () => {
  for (const [name, text] of [['awkward tokens', AWKWARD], ['a Moby-Dick datasetSentences.txt', datasetSentencesText(2000)]] as const) {
    it(`gives the course’s sentences, counts and rejection probabilities (${name})`, () => {
      const course = courseReading(text, 1e-5)
      const ours = ourReading(text, 1e-5)
      // The course keeps an empty sentence as []; it holds no window, and we keep none.
      expect(ours.sentences).toEqual(course.sentences.filter((s) => s.length > 0))
      expect(Object.fromEntries(ours.vocabulary.words.map((w, i) => [w, ours.vocabulary.counts[i]]))).toEqual(course.freq)
      expect(ours.vocabulary.counts.reduce((a, b) => a + b, 0)).toBe(course.wordcount)
      // The same float64 operations in the same order: equal to the last bit.
      expect(Object.fromEntries(ours.vocabulary.words.map((w, i) => [w, ours.reject[i]]))).toEqual(course.reject)
    })
  }

  it('keeps the tokens the course keeps and the regex tokenizer would change', () => {
    const words = new Set(ourReading(AWKWARD, 1e-5).vocabulary.words)
    for (const token of ['-lrb-', '-rrb-', "'s", '--', '...', ',', '``', "''", 'ã©', "doesn't", '\u2019quite\u2019', "n't", 'unk', UNK]) expect(words).toContain(token)
    expect(words).not.toContain('1')
  })
})
