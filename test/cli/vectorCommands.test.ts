import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../../src-main/cli/runCli'
import { pythonCanImport } from '../support/python'
import { readEmbeddings } from '../../src-main/node/vectors/readEmbeddings'
import { SHARED_DIR } from '../support/sharedData'
import { plantedSynonymsText } from '../support/syntheticCorpus'

const dir = mkdtempSync(join(tmpdir(), 'w2v-vectors-'))
const corpus = join(dir, 'planted.txt')
const checkpoint = join(dir, 'run.w2vckpt')
const vectors = join(dir, 'vectors.bin')
const analogies = join(SHARED_DIR, 'data/questions-words.txt')
const wordsim = join(SHARED_DIR, 'data/wordsim353.tsv')

const gensimAvailable = pythonCanImport('gensim', 'the gensim comparison of w2v eval')

beforeAll(async () => {
  writeFileSync(corpus, plantedSynonymsText(3000))
  const trained = await runCli(['train', '--corpus', corpus, '--out', vectors, '--checkpoint', checkpoint, '--dim', '16', '--epochs', '10', '--sample', '0', '--alpha', '0.05', '--min-count', '1', '--threads', '1'])
  expect(trained.exitCode).toBe(0)
})

describe('w2v export', () => {
  it('writes the concatenated V and U of a checkpoint, top N, normalised', async () => {
    const out = join(dir, 'concat.json')
    const result = await runCli(['export', '--checkpoint', checkpoint, '--out', out, '--vectors', 'concat', '--top', '5', '--normalize', '--json'])
    expect(result.exitCode).toBe(0)
    const { embeddings } = await readEmbeddings(out)
    expect(embeddings.dim).toBe(32)
    expect(embeddings.words).toHaveLength(5)
    for (let w = 0; w < 5; w++) {
      const row = embeddings.vectors.subarray(w * 32, (w + 1) * 32)
      expect(Math.hypot(...row)).toBeCloseTo(1, 5)
    }
  })
})

describe('w2v convert', () => {
  it.each(['vectors.txt', 'vectors.tsv', 'vectors.npy', 'vectors.json'])('round-trips through %s with identical words and vectors', async (name) => {
    const target = join(dir, `rt-${name}`)
    expect((await runCli(['convert', vectors, target])).exitCode).toBe(0)
    const back = join(dir, `rt-${name}.bin`)
    expect((await runCli(['convert', target, back])).exitCode).toBe(0)
    const [a, b] = await Promise.all([readEmbeddings(vectors), readEmbeddings(back)])
    expect(b.embeddings.words).toEqual(a.embeddings.words)
    expect(b.embeddings.vectors).toEqual(a.embeddings.vectors)
  })

  it('writes GloVe when asked, and reads it back', async () => {
    const glove = join(dir, 'glove.txt')
    expect((await runCli(['convert', vectors, glove, '--format', 'glove', '--limit', '10'])).exitCode).toBe(0)
    expect(readFileSync(glove, 'utf8').split('\n')[0]!.split(' ')).toHaveLength(17)
    const { embeddings, format } = await readEmbeddings(glove)
    expect(format).toBe('glove')
    expect(embeddings.words).toHaveLength(10)
  })
})

describe('w2v neighbors and analogy', () => {
  it('finds the planted synonym first', async () => {
    const result = await runCli(['neighbors', '--vectors', vectors, 'cat', '-k', '3', '--json'])
    expect(result.exitCode).toBe(0)
    const { neighbours } = JSON.parse(result.stdout) as { neighbours: { word: string; score: number }[] }
    expect(neighbours).toHaveLength(3)
    expect(neighbours[0]!.word).toBe('kitten')
    expect(neighbours.map((n) => n.word)).not.toContain('cat')
  })

  it('answers an analogy without returning its inputs', async () => {
    const result = await runCli(['analogy', '--vectors', vectors, 'cat', 'kitten', 'car', '-k', '3', '--json'])
    expect(result.exitCode).toBe(0)
    const { answers } = JSON.parse(result.stdout) as { answers: { word: string }[] }
    expect(answers.map((a) => a.word)).not.toContain('car')
    expect(answers.map((a) => a.word)).toContain('automobile')
  })
})

describe('w2v similar and odd-one-out', () => {
  it('answers b + c − a as the analogy does, quoted or not, by either method', async () => {
    for (const method of ['3CosAdd', '3CosMul']) {
      const viaAnalogy = JSON.parse((await runCli(['analogy', '--vectors', vectors, 'cat', 'kitten', 'car', '-k', '4', '--method', method, '--json'])).stdout) as { answers: unknown[] }
      const quoted = await runCli(['similar', '--vectors', vectors, 'kitten + car - cat', '-k', '4', '--method', method, '--json'])
      const unquoted = await runCli(['similar', '--vectors', vectors, 'kitten', '+', 'car', '-', 'cat', '-k', '4', '--method', method, '--json'])
      expect(quoted.exitCode).toBe(0)
      expect(JSON.parse(quoted.stdout)).toEqual({ terms: [{ word: 'kitten', weight: 1 }, { word: 'car', weight: 1 }, { word: 'cat', weight: -1 }], method, neighbours: viaAnalogy.answers })
      expect(unquoted.stdout).toBe(quoted.stdout)
    }
  })

  it.skipIf(!gensimAvailable)('ranks and scores as gensim most_similar, most_similar_cosmul and rank_by_centrality do', async () => {
    const words = readEmbeddingsWords()
    const expression = `${words[3]} - ${words[5]} + 0.5 * ${words[8]} + ${words[13]}`
    const plain = `${words[3]} - ${words[5]} + ${words[8]}`
    const group = [words[2]!, words[4]!, words[9]!, words[11]!, 'notaword']
    const ours = {
      add: JSON.parse((await runCli(['similar', '--vectors', vectors, expression, '-k', '6', '--json'])).stdout) as { neighbours: { word: string; score: number }[] },
      mul: JSON.parse((await runCli(['similar', '--vectors', vectors, plain, '-k', '6', '--method', '3CosMul', '--json'])).stdout) as { neighbours: { word: string; score: number }[] },
    }
    const odd = await runCli(['odd-one-out', '--vectors', vectors, ...group, '--json'])
    expect(odd.stderr).toBe('Not in the vocabulary, left out: notaword\n')
    const oddOurs = JSON.parse(odd.stdout) as { word: string; ranking: { word: string; score: number }[]; unknown: string[] }
    const script = [
      'import sys, json',
      'from gensim.models import KeyedVectors',
      'kv = KeyedVectors.load_word2vec_format(sys.argv[1], binary=True)',
      'w = sys.argv[2:]',
      'add = kv.most_similar(positive=[(w[0], 1.0), (w[1], -1.0), (w[2], 0.5), (w[3], 1.0)], topn=6)',
      'mul = kv.most_similar_cosmul(positive=[w[0], w[2]], negative=[w[1]], topn=6)',
      'group = [x for x in w[4:] if x in kv]',
      'print(json.dumps({"add": add, "mul": mul, "odd": kv.doesnt_match(w[4:]), "centrality": [[s, x] for s, x in kv.rank_by_centrality(group)]}, default=float))',
    ].join('\n')
    const gensim = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, vectors, words[3]!, words[5]!, words[8]!, words[13]!, ...group], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as {
      add: [string, number][]; mul: [string, number][]; odd: string; centrality: [number, string][]
    }
    const same = (a: { word: string; score: number }[], b: [string, number][]): void => {
      expect(a.map((n) => n.word)).toEqual(b.map(([w]) => w))
      a.forEach((n, i) => expect(Math.abs(n.score - b[i]![1])).toBeLessThan(1e-5))
    }
    same(ours.add.neighbours, gensim.add)
    same(ours.mul.neighbours, gensim.mul)
    expect(oddOurs.word).toBe(gensim.odd)
    expect(oddOurs.unknown).toEqual(['notaword'])
    same(oddOurs.ranking, gensim.centrality.map(([score, word]) => [word, score]))
  })

  it('refuses a malformed expression, an unknown word and no words with exit 2 and a sentence', async () => {
    expect(await runCli(['similar', '--vectors', vectors, 'cat kitten'])).toMatchObject({ exitCode: 2, stderr: 'w2v similar: “cat” and “kitten” need a + or − between them, with a space on each side.\n' })
    expect(await runCli(['similar', '--vectors', vectors, 'cat - 2 * kitten', '--method', '3CosMul'])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/takes no weights/) })
    expect(await runCli(['similar', '--vectors', vectors, 'unicorn - pegasus + cat'])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/“unicorn” and “pegasus” are not in the vocabulary/) })
    expect(await runCli(['odd-one-out', '--vectors', vectors, 'unicorn', 'pegasus'])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/None of “unicorn”, “pegasus” is in the vocabulary/) })
    expect(await runCli(['odd-one-out', '--vectors', vectors])).toMatchObject({ exitCode: 2 })
  })
})

/** The trained vocabulary, most frequent first. */
function readEmbeddingsWords(): string[] {
  const text = execFileSync('/usr/bin/python3', ['-c', 'import sys\nfrom gensim.models import KeyedVectors\nprint("\\n".join(KeyedVectors.load_word2vec_format(sys.argv[1], binary=True).index_to_key))', vectors], { encoding: 'utf8' })
  return text.trim().split('\n')
}

describe('w2v eval', () => {
  it.skipIf(!gensimAvailable)('reports what gensim reports, within 1e-6', async () => {
    const sotuLike = join(dir, 'eval.txt')
    // Vectors over the benchmark's own words, so many questions are answered.
    const words = [...new Set(readFileSync(analogies, 'utf8').split(/\s+/).filter((w) => w && !w.startsWith(':')))].slice(0, 1500)
    let seed = 7
    const rand = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647) - 0.5
    writeFileSync(sotuLike, `${words.length} 8\n` + words.map((w) => `${w} ${Array.from({ length: 8 }, rand).map((x) => x.toFixed(6)).join(' ')}`).join('\n') + '\n')
    const result = await runCli(['eval', '--vectors', sotuLike, '--analogies', analogies, '--similarity', wordsim, '--restrict', '1000', '--json'])
    expect(result.exitCode).toBe(0)
    const ours = JSON.parse(result.stdout) as { analogies: { accuracy: number; correct: number; total: number; sections: { section: string; correct: number; total: number }[] }; similarity: { spearman: number; pearson: number; oovRatio: number } }
    const script = [
      'import sys, json',
      'from gensim.models import KeyedVectors',
      'kv = KeyedVectors.load_word2vec_format(sys.argv[1])',
      'acc, sections = kv.evaluate_word_analogies(sys.argv[2], restrict_vocab=1000)',
      'p, s, oov = kv.evaluate_word_pairs(sys.argv[3], restrict_vocab=1000)',
      'print(json.dumps({"accuracy": acc, "sections": [[x["section"], len(x["correct"]), len(x["correct"]) + len(x["incorrect"])] for x in sections],',
      '  "pearson": p[0], "spearman": s[0], "oov": oov}))',
    ].join('\n')
    const gensim = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, sotuLike, analogies, wordsim], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as { accuracy: number; sections: [string, number, number][]; pearson: number; spearman: number; oov: number }
    expect(ours.analogies.total).toBeGreaterThan(100)
    expect(Math.abs(ours.analogies.accuracy - gensim.accuracy)).toBeLessThan(1e-6)
    expect(ours.analogies.sections.map((s) => [s.section, s.correct, s.total])).toEqual(gensim.sections)
    expect(Math.abs(ours.similarity.spearman - gensim.spearman)).toBeLessThan(1e-6)
    expect(Math.abs(ours.similarity.pearson - gensim.pearson)).toBeLessThan(1e-6)
    // gensim's oov_ratio is a percentage; ours is the fraction every share in the app is.
    expect(Math.abs(ours.similarity.oovRatio - gensim.oov / 100)).toBeLessThan(1e-8)
  })

  it('reports a word-pair file with no known pair as not computable, keeps the analogies, exit 0', async () => {
    // gensim 4.2's evaluate_word_pairs raises a ValueError here and NaN with a warning for a
    // constant series; it scores one file per call, so nothing else is lost. Here the other
    // benchmark's figures stay.
    const unknown = join(dir, 'unknown-pairs.tsv')
    writeFileSync(unknown, 'zebra\tgiraffe\t8\nokapi\tgnu\t3\n')
    const questions = join(dir, 'planted-questions.txt')
    writeFileSync(questions, ': planted\ncat kitten car automobile\ncar automobile cat kitten\n')
    const text = await runCli(['eval', '--vectors', vectors, '--analogies', questions, '--similarity', unknown])
    expect(text.exitCode).toBe(0)
    expect(text.stderr).toBe('')
    expect(text.stdout).toMatch(/Analogies: [\d.]+% \(\d of 2 answered; 0 skipped/)
    expect(text.stdout).toMatch(/Word pairs: not computable\. None of the 2 word pairs has both words in the vocabulary \([\d,]+ words\), so there is nothing to correlate\./)
    const json = await runCli(['eval', '--vectors', vectors, '--analogies', questions, '--similarity', unknown, '--json'])
    expect(json.exitCode).toBe(0)
    const report = JSON.parse(json.stdout) as { analogies: { total: number }; similarity: { spearman: null; pearson: null; notComputable: string } }
    expect(report.analogies.total).toBe(2)
    expect(report.similarity).toEqual({ spearman: null, pearson: null, notComputable: expect.stringMatching(/^None of the 2 word pairs/) as unknown })
  })

  it('says a correlation over fewer than two pairs is undefined, and an accuracy over no answered question', async () => {
    const onePair = join(dir, 'one-pair.tsv')
    writeFileSync(onePair, 'cat\tkitten\t9\nzebra\tgnu\t3\n')
    const unanswerable = join(dir, 'unanswerable.txt')
    writeFileSync(unanswerable, ': zoo\nzebra gnu okapi giraffe\n')
    const text = await runCli(['eval', '--vectors', vectors, '--analogies', unanswerable, '--similarity', onePair])
    expect(text.exitCode).toBe(0)
    expect(text.stdout).toMatch(/^zoo\s+0\s+0\s+—$/m)
    expect(text.stdout).toMatch(/Analogies: — \(0 of 0 answered; 1 skipped/)
    expect(text.stdout).toMatch(/Spearman undefined, Pearson undefined over 1 pair \(a correlation needs two or more pairs/)
  })

  it('needs a benchmark file', async () => {
    const result = await runCli(['eval', '--vectors', vectors])
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(/name a benchmark/)
  })
})

describe('an output that is an input: refused before anything is read or written', () => {
  it.each([
    ['convert onto its input', () => ['convert', vectors, vectors, '--top', '1'], vectors, /would overwrite the (input vectors|checkpoint) .*\(the same file\)/],
    ['convert onto its input through a link', () => {
      const link = join(dir, 'link.bin')
      rmSync(link, { force: true })
      symlinkSync(vectors, link)
      return ['convert', vectors, link]
    }, vectors, /would overwrite the (input vectors|checkpoint) .*\(the same file\)/],
    ['export onto its checkpoint', () => ['export', '--checkpoint', checkpoint, '--out', checkpoint, '--format', 'json'], checkpoint, /would overwrite the (input vectors|checkpoint) .*\(the same file\)/],
  ])('%s', async (_what, argv, kept, message) => {
    const before = readFileSync(kept)
    const result = await runCli(argv())
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(readFileSync(kept).equals(before)).toBe(true)
  })
})

describe('user mistakes: one line, exit 2', () => {
  it.each([
    ['an unknown word', () => ['neighbors', '--vectors', vectors, 'zebra'], /“zebra” is not in the vocabulary/],
    ['a missing vectors file', () => ['neighbors', '--vectors', join(dir, 'nope.bin'), 'cat'], /nope\.bin/],
    ['a missing benchmark file', () => ['eval', '--vectors', vectors, '--analogies', join(dir, 'none.txt')], /does not exist/],
    ['a malformed benchmark line', () => {
      const bad = join(dir, 'bad-questions.txt')
      writeFileSync(bad, ': family\nboy girl brother\n')
      return ['eval', '--vectors', vectors, '--analogies', bad]
    }, /[Ll]ine 2/],
    ['a truncated vectors file', () => {
      const cut = join(dir, 'cut.bin')
      writeFileSync(cut, readFileSync(vectors))
      truncateSync(cut, 200)
      return ['neighbors', '--vectors', cut, 'cat']
    }, /cut\.bin/],
    ['a missing checkpoint', () => ['export', '--checkpoint', join(dir, 'none.w2vckpt'), '--out', join(dir, 'x.txt')], /none\.w2vckpt/],
  ])('%s', async (_what, argv, message) => {
    const result = await runCli(argv())
    expect(result.exitCode).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })
})

describe('terminal output shows control characters as escapes; JSON keeps them exact', () => {
  const clear = '\x1b[2J'
  const title = '\x1b]0;title\x07'
  const bidi = '\u202eevil'
  // eslint-disable-next-line no-control-regex -- the control characters a terminal must never receive
  const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/
  let laden: string

  beforeAll(() => {
    laden = join(dir, 'laden.txt')
    writeFileSync(laden, `5 2\ncat 1 0\n${clear} 0.9 0.1\n${title} 0.8 0.3\n${bidi} 0.5 0.5\n${clear} 0 1\n`)
  })

  it('neighbors', async () => {
    const text = await runCli(['neighbors', '--vectors', laden, 'cat'])
    expect(text.exitCode).toBe(0)
    expect(text.stdout + text.stderr).not.toMatch(unsafe)
    expect(text.stdout).toContain('\\x1b[2J')
    expect(text.stdout).toContain('\\x1b]0;title\\x07')
    expect(text.stdout).toContain('\\u202eevil')
    // The duplicate word's warning quotes it.
    expect(text.stderr).toMatch(/^Warning: 1 duplicate word/)
    const json = await runCli(['neighbors', '--vectors', laden, 'cat', '--json'])
    expect((JSON.parse(json.stdout) as { neighbours: { word: string }[] }).neighbours.map((n) => n.word)).toEqual([clear, title, bidi])
  })

  it('analogy, its question line included', async () => {
    const text = await runCli(['analogy', '--vectors', laden, 'cat', title, bidi, '-k', '1'])
    expect(text.exitCode).toBe(0)
    expect(text.stdout).not.toMatch(unsafe)
    expect(text.stdout).toMatch(/^cat : \\x1b\]0;title\\x07 :: \\u202eevil : \?\n/)
    expect(text.stdout).toContain('\\x1b[2J')
  })

  it('eval: section names and words from the benchmark', async () => {
    const questions = join(dir, 'laden-questions.txt')
    writeFileSync(questions, `: ${clear}family\ncat ${clear} ${title} ${bidi}\n`)
    const text = await runCli(['eval', '--vectors', laden, '--analogies', questions, '--case-sensitive'])
    expect(text.exitCode).toBe(0)
    expect(text.stdout).not.toMatch(unsafe)
    expect(text.stdout).toContain('\\x1b[2Jfamily')
    const badScore = join(dir, 'laden-pairs.tsv')
    writeFileSync(badScore, `cat\tdog\t${title}\n`)
    const error = await runCli(['eval', '--vectors', laden, '--similarity', badScore])
    expect(error.exitCode).toBe(2)
    expect(error.stderr).not.toMatch(unsafe)
    expect(error.stderr).toContain('\\x1b]0;title\\x07')
  })

  it('error messages that quote a word or a file name', async () => {
    const word = await runCli(['neighbors', '--vectors', laden, `${clear}red`])
    expect(word.stderr).not.toMatch(unsafe)
    expect(word.stderr.split('\n').at(-2)).toBe('w2v neighbors: “\\x1b[2Jred” is not in the vocabulary (4 words).')
    const file = await runCli(['neighbors', '--vectors', join(dir, `${title}.txt`), 'cat'])
    expect(file.exitCode).toBe(2)
    expect(file.stderr).not.toMatch(unsafe)
    expect(file.stderr).toContain('\\x1b]0;title\\x07.txt')
    const flag = await runCli(['neighbors', '--vectors', laden, 'cat', '--metric', clear])
    expect(flag.stderr).not.toMatch(unsafe)
  })

  it('train: its notes and summary name the files safely', async () => {
    const out = join(dir, `${clear}.txt`)
    const result = await runCli(['train', '--corpus', corpus, '--out', out, '--dim', '8', '--epochs', '1', '--min-count', '1', '--threads', '1'])
    expect(result.exitCode).toBe(0)
    expect(result.stdout + result.stderr).not.toMatch(unsafe)
    expect(result.stdout).toContain('\\x1b[2J.txt')
    const missing = await runCli(['train', '--corpus', join(dir, `${bidi}.txt`), '--out', out])
    expect(missing.exitCode).toBe(2)
    expect(missing.stderr).not.toMatch(unsafe)
  })
})
