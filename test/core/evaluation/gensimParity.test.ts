/**
 * Issue 4 §3: on the same vectors our benchmark figures match gensim's evaluate_word_analogies
 * and evaluate_word_pairs within 1e-6, and most_similar / most_similar_cosmul / doesnt_match
 * give the same words. The vectors are random but shaped so that a fair share of the analogies
 * come out right (b ≈ a + a per-section offset), with case variants and a shuffled order so that
 * case-insensitive matching and the restriction to the first N rows both change the answers.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type VectorIndex, analogy, buildVectorIndex, doesntMatch, evaluateAnalogies, evaluateWordPairs, mostSimilar, nearestNeighbours, parseAnalogyFile,
  parseWordPairFile,
} from '../../../src-main/core/evaluation/index'
import { Random } from '../../../src-main/core/random'
import { SHARED_DIR } from '../../support/sharedData'
import { PYTHON, pythonCanImport } from '../../support/python'

const hasGensim = pythonCanImport('gensim, scipy', 'the gensim evaluation parity tests')

const DATA = join(SHARED_DIR, 'data')
const FILES = { analogies: join(DATA, 'questions-words.txt'), wordsim: join(DATA, 'wordsim353.tsv'), simlex: join(DATA, 'simlex999.txt') }
const VOCABULARY = 3000
const DIM = 16
/** 300,000 keeps everything; 2,200 and 1,200 cut the shuffled vocabulary. */
const SETTINGS = [
  { restrictVocab: 300_000, caseInsensitive: true },
  { restrictVocab: 2200, caseInsensitive: true },
  { restrictVocab: 1200, caseInsensitive: true },
  { restrictVocab: 2200, caseInsensitive: false },
] as const

interface Queries {
  settings: typeof SETTINGS
  neighbours: string[]
  analogies: [string, string, string][]
  oddOneOut: string[][]
  /** Terms of `a − b + 0.5 × c …` expressions: [word, signed weight]. */
  expressions: [string, number][][]
}

interface GensimAnswers {
  analogies: { score: number; sections: { section: string; correct: number; incorrect: number }[] }[]
  wordsim: { pearson: number; spearman: number; oov: number }[]
  simlex: { pearson: number; spearman: number; oov: number }[]
  neighbours: [string, number][][]
  cosAdd: [string, number][][]
  cosMul: [string, number][][]
  oddOneOut: string[]
  centrality: [number, string][][]
  expressionAdd: [string, number][][]
  expressionMul: [string, number][][]
}

const GENSIM_SCRIPT = `
import json, logging, sys, warnings
warnings.simplefilter('ignore')
logging.disable(logging.CRITICAL)
from gensim.models import KeyedVectors
vectors_path, analogies, wordsim, simlex, queries_path = sys.argv[1:6]
kv = KeyedVectors.load_word2vec_format(vectors_path, binary=False)
q = json.load(open(queries_path))
out = {'analogies': [], 'wordsim': [], 'simlex': []}
for s in q['settings']:
    score, sections = kv.evaluate_word_analogies(analogies, restrict_vocab=s['restrictVocab'], case_insensitive=s['caseInsensitive'])
    out['analogies'].append({'score': float(score), 'sections': [
        {'section': x['section'], 'correct': len(x['correct']), 'incorrect': len(x['incorrect'])} for x in sections]})
    for name, path in (('wordsim', wordsim), ('simlex', simlex)):
        pearson, spearman, oov = kv.evaluate_word_pairs(path, restrict_vocab=s['restrictVocab'], case_insensitive=s['caseInsensitive'])
        out[name].append({'pearson': float(pearson[0]), 'spearman': float(spearman[0]), 'oov': float(oov)})
pairs = lambda result: [[w, float(x)] for w, x in result]
out['neighbours'] = [pairs(kv.most_similar(positive=[w], topn=10)) for w in q['neighbours']]
out['cosAdd'] = [pairs(kv.most_similar(positive=[b, c], negative=[a], topn=5)) for a, b, c in q['analogies']]
out['cosMul'] = [pairs(kv.most_similar_cosmul(positive=[b, c], negative=[a], topn=5)) for a, b, c in q['analogies']]
out['oddOneOut'] = [kv.doesnt_match(words) for words in q['oddOneOut']]
out['centrality'] = [[[float(x), w] for x, w in kv.rank_by_centrality([w for w in words if w in kv])] for words in q['oddOneOut']]
out['expressionAdd'] = [pairs(kv.most_similar(positive=[(w, x) for w, x in terms], topn=8)) for terms in q['expressions']]
plain = [terms for terms in q['expressions'] if all(abs(x) == 1 for w, x in terms) and any(x > 0 for w, x in terms)]
out['expressionMul'] = [pairs(kv.most_similar_cosmul(positive=[w for w, x in terms if x > 0], negative=[w for w, x in terms if x < 0], topn=8)) for terms in plain]
print(json.dumps(out))
`

function caseVariant(word: string, random: Random): string {
  if (word !== word.toLowerCase()) return word.toLowerCase()
  return random.nextFloat() < 0.5 ? word.toUpperCase() : word.charAt(0).toUpperCase() + word.slice(1)
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.nextInt(i + 1)
    ;[items[i], items[j]] = [items[j]!, items[i]!]
  }
  return items
}

interface Vocabulary {
  words: string[]
  /** [variant, original] pairs of words that differ only in case. */
  variants: [string, string][]
}

/** Words from both benchmarks (not all of them, so some questions are out of vocabulary), case variants and fillers, shuffled. */
function buildVocabulary(random: Random, questionsText: string, pairTexts: string[]): Vocabulary {
  const questionWords = new Set(questionsText.split('\n').filter((l) => !l.startsWith(':')).flatMap((l) => l.split(' ')).filter((w) => w !== ''))
  const pairWords = new Set(pairTexts.flatMap((t) => t.split('\n')).filter((l) => l !== '' && !l.startsWith('#')).flatMap((l) => l.split('\t').slice(0, 2)))
  const chosen = new Set<string>()
  for (const word of questionWords) if (random.nextFloat() < 0.9) chosen.add(word)
  for (const word of pairWords) if (random.nextFloat() < 0.85) chosen.add(word)
  const variants: [string, string][] = []
  for (const word of [...chosen]) {
    const variant = caseVariant(word, random)
    if (random.nextFloat() < 0.12 && !chosen.has(variant)) {
      chosen.add(variant)
      variants.push([variant, word])
    }
  }
  for (let i = 0; chosen.size < VOCABULARY; i++) chosen.add(`filler${i}`)
  return { words: shuffle([...chosen], random), variants }
}

/**
 * Gaussian vectors, then b = a + offset(section) + noise for each question's pairs, so 3CosAdd
 * often finds d. Half the case variants end up next to their original, so that a variant of an
 * input word is often the best candidate, which gensim passes over when case-insensitive.
 */
function buildVectors(random: Random, { words, variants }: Vocabulary, questionsText: string): Float32Array {
  const row = new Map(words.map((w, i) => [w, i]))
  const values = new Float64Array(words.length * DIM).map(() => random.normal())
  let offset = new Float64Array(DIM)
  const done = new Set<string>()
  for (const line of questionsText.split('\n')) {
    if (line.startsWith(':')) {
      offset = new Float64Array(DIM).map(() => 1.5 * random.normal())
      continue
    }
    const [a, b, c, d] = line.split(' ')
    for (const [from, to] of [[a, b], [c, d]] as const) {
      const key = `${from} ${to}`
      const rowFrom = row.get(from ?? '')
      const rowTo = row.get(to ?? '')
      if (done.has(key) || rowFrom === undefined || rowTo === undefined) continue
      done.add(key)
      for (let k = 0; k < DIM; k++) values[rowTo * DIM + k] = values[rowFrom * DIM + k]! + offset[k]! + 0.4 * random.normal()
    }
  }
  for (const [variant, original] of variants) {
    if (random.nextFloat() < 0.5) continue
    const from = row.get(original)!
    const to = row.get(variant)!
    for (let k = 0; k < DIM; k++) values[to * DIM + k] = values[from * DIM + k]! + 0.1 * random.normal()
  }
  return Float32Array.from(values)
}

function writeWord2vecText(path: string, words: string[], vectors: Float32Array): void {
  const lines = words.map((word, i) => `${word} ${Array.from(vectors.subarray(i * DIM, (i + 1) * DIM), String).join(' ')}`)
  writeFileSync(path, `${words.length} ${DIM}\n${lines.join('\n')}\n`)
}

describe.skipIf(!hasGensim)('evaluation matches gensim on the same vectors', () => {
  let dir = ''
  let index: VectorIndex
  let queries: Queries
  let gensim: GensimAnswers
  const texts = { analogies: '', wordsim: '', simlex: '' }

  beforeAll(() => {
    texts.analogies = readFileSync(FILES.analogies, 'utf8')
    texts.wordsim = readFileSync(FILES.wordsim, 'utf8')
    texts.simlex = readFileSync(FILES.simlex, 'utf8')
    const random = new Random(2024)
    const vocabulary = buildVocabulary(random, texts.analogies, [texts.wordsim, texts.simlex])
    const { words } = vocabulary
    const vectors = buildVectors(random, vocabulary, texts.analogies)
    index = buildVectorIndex({ words, vectors, dim: DIM, counts: null })

    const known = parseAnalogyFile(texts.analogies).flatMap((s) => s.questions).filter((q) => [q.a, q.b, q.c].every((w) => index.has(w)))
    const pick = <T>(items: readonly T[]): T => items[random.nextInt(items.length)]!
    queries = {
      settings: SETTINGS,
      neighbours: Array.from({ length: 12 }, () => pick(words)),
      analogies: Array.from({ length: 12 }, () => pick(known)).map((q) => [q.a, q.b, q.c]),
      oddOneOut: Array.from({ length: 12 }, (_, i) => {
        const group = Array.from({ length: 3 + (i % 3) }, () => pick(words))
        return i % 4 === 0 ? [...group, 'notaword'] : group
      }),
      // 2 to 6 terms; every third has weights other than ±1, which 3CosMul does not take.
      expressions: Array.from({ length: 18 }, (_, i) => Array.from({ length: 2 + (i % 5) }, (__, j): [string, number] => {
        const sign = j === 0 || random.nextFloat() < 0.5 ? 1 : -1
        return [pick(words), sign * (i % 3 === 2 ? [0.5, 2, 1.5][j % 3]! : 1)]
      })),
    }

    dir = mkdtempSync(join(tmpdir(), 'w2v-eval-'))
    const vectorsPath = join(dir, 'vectors.txt')
    const queriesPath = join(dir, 'queries.json')
    writeWord2vecText(vectorsPath, words, vectors)
    writeFileSync(queriesPath, JSON.stringify(queries))
    const run = spawnSync(PYTHON, ['-c', GENSIM_SCRIPT, vectorsPath, FILES.analogies, FILES.wordsim, FILES.simlex, queriesPath], { encoding: 'utf8', maxBuffer: 64 << 20 })
    if (run.status !== 0) throw new Error(`gensim failed: ${run.error?.message ?? run.stderr}`)
    gensim = JSON.parse(run.stdout) as GensimAnswers
  }, 60_000)

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true })
  })

  it.each(SETTINGS.map((s, i) => [i, s] as const))('evaluate_word_analogies, setting %i: %o', (i, setting) => {
    const ours = evaluateAnalogies(index, parseAnalogyFile(texts.analogies), setting)
    const theirs = gensim.analogies[i]!
    expect(ours.sections.map((s) => ({ section: s.section, correct: s.correct, incorrect: s.total - s.correct })))
      .toEqual(theirs.sections)
    expect(Math.abs(ours.accuracy - theirs.score)).toBeLessThan(1e-6)
    ours.sections.forEach((s) => expect(s.accuracy).toBeCloseTo(s.total === 0 ? 0 : s.correct / s.total, 12))
    // gensim does not return the skipped count; it is every question not answered.
    const questions = parseAnalogyFile(texts.analogies).reduce((sum, s) => sum + s.questions.length, 0)
    expect(ours.skipped).toBe(questions - ours.total)
    // The data must exercise the comparison: a real share of answers right and wrong, some skipped.
    expect(ours.correct).toBeGreaterThan(ours.total * 0.1)
    expect(ours.correct).toBeLessThan(ours.total * 0.9)
    expect(ours.skipped).toBeGreaterThan(0)
  })

  it('the settings change the figures (the restriction and the case folding both bite)', () => {
    const totals = gensim.analogies.map((a) => a.sections.at(-1)!)
    expect(new Set(totals.map((t) => `${t.correct}/${t.incorrect}`)).size).toBe(SETTINGS.length)
    expect(new Set(gensim.wordsim.map((w) => w.oov)).size).toBeGreaterThan(2)
  })

  it.each(SETTINGS.map((s, i) => [i, s] as const))('evaluate_word_pairs, setting %i: %o', (i, setting) => {
    for (const name of ['wordsim', 'simlex'] as const) {
      const ours = evaluateWordPairs(index, parseWordPairFile(texts[name]), setting)
      const theirs = gensim[name][i]!
      expect(Math.abs(ours.pearson - theirs.pearson), `${name} Pearson`).toBeLessThan(1e-6)
      expect(Math.abs(ours.spearman - theirs.spearman), `${name} Spearman`).toBeLessThan(1e-6)
      // gensim's oov_ratio is a percentage; ours is a fraction, as every share in the app is.
      expect(Math.abs(ours.oovRatio - theirs.oov / 100), `${name} OOV ratio`).toBeLessThan(1e-11)
      expect(ours.skipped).toBeGreaterThan(0)
    }
  })

  function expectSameRanking(ours: { word: string; score: number }[], theirs: [string, number][]): void {
    expect(ours.map((n) => n.word)).toEqual(theirs.map(([w]) => w))
    ours.forEach((n, j) => expect(Math.abs(n.score - theirs[j]![1])).toBeLessThan(1e-5))
  }

  it('most_similar gives the same neighbours and cosines', () => {
    queries.neighbours.forEach((word, i) => expectSameRanking(nearestNeighbours(index, word, { k: 10 }), gensim.neighbours[i]!))
  })

  it('most_similar(positive=[b, c], negative=[a]) and most_similar_cosmul give the same analogy answers', () => {
    queries.analogies.forEach(([a, b, c], i) => {
      expectSameRanking(analogy(index, a, b, c, { k: 5, method: '3CosAdd' }), gensim.cosAdd[i]!)
      expectSameRanking(analogy(index, a, b, c, { k: 5, method: '3CosMul' }), gensim.cosMul[i]!)
    })
    // 3CosMul is not 3CosAdd in disguise: on some question the two rankings differ.
    expect(gensim.cosAdd.some((r, i) => r.map(([w]) => w).join() !== gensim.cosMul[i]!.map(([w]) => w).join())).toBe(true)
  })

  it('doesnt_match picks the same word, leaving unknown words out', () => {
    queries.oddOneOut.forEach((words, i) => {
      const ours = doesntMatch(index, words)
      expect(ours.word).toBe(gensim.oddOneOut[i])
      expect(ours.unknown).toEqual(words.includes('notaword') ? ['notaword'] : [])
      // The similarity of each word to the group's mean, as rank_by_centrality gives it.
      expect(ours.ranking.map((n) => n.word)).toEqual(gensim.centrality[i]!.map(([, w]) => w))
      ours.ranking.forEach((n, j) => expect(Math.abs(n.score - gensim.centrality[i]![j]![0])).toBeLessThan(1e-5))
    })
  })

  it('an expression of any number of weighted words ranks as most_similar(positive=[(word, weight), …]) does', () => {
    queries.expressions.forEach((terms, i) => {
      expectSameRanking(mostSimilar(index, terms.map(([word, weight]) => ({ word, weight })), { k: 8 }), gensim.expressionAdd[i]!)
    })
  })

  it('an expression of plain + and − ranks as most_similar_cosmul(positive, negative) does', () => {
    const plain = queries.expressions.filter((terms) => terms.every(([, x]) => Math.abs(x) === 1) && terms.some(([, x]) => x > 0))
    expect(plain.length).toBeGreaterThan(8)
    plain.forEach((terms, i) => {
      expectSameRanking(mostSimilar(index, terms.map(([word, weight]) => ({ word, weight })), { k: 8, method: '3CosMul' }), gensim.expressionMul[i]!)
    })
  })
})
