/**
 * The preparation rate (issue 13 §2): how fast a corpus file becomes training input along the
 * CLI's path — read, decode, tokenize, count and write the token file (readCorpusFiles), then the
 * vocabulary (buildVocabulary) and the pass over the token file that plans training's chunks
 * (planChunks) — in MB/s of file bytes, median of the repeats.
 *
 *   npm run bench:prep                              # a ~100 MB Zipf corpus and a ~100 MB mixed-script one, 1 thread and all
 *   npm run bench:prep -- --kind mixed --mb 20 --repeat 5 --threads 2
 *   npm run bench:prep -- --file corpus.txt --punctuation keep
 *
 * It runs bundled (out/bench, with the preparation worker beside it), as the CLI does: from
 * source, every worker thread would first compile TypeScript. Runs of different thread counts
 * are interleaved, so a busy machine slows them alike; CPU seconds are the process' own
 * (all threads), which a busy machine disturbs less than wall time.
 *
 * The corpora are generated (seeded) into bench/.cache once: zipf is the scale tier's generator
 * (lowercase ASCII words over 1M types), mixed is bench/mixedScriptCorpus.ts (eight scripts,
 * capitals, numbers, punctuation, emoji, U+FFFD, CRLF, very long lines).
 */
import { existsSync, mkdirSync, renameSync, statSync, writeSync, openSync, closeSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join, resolve } from 'node:path'
import { buildVocabulary, type TokenizerOptions, typeToVocabulary } from '../src-main/core/corpus/index'
import { planChunks } from '../src-main/core/training/chunkPlan'
import { readCorpusFiles } from '../src-main/node/corpusFile'
import { FileTokenSink, openTokenSource, releaseTokenStore } from '../src-main/node/tokenFile'
import { ensureScaleCorpus } from './corpusCache'
import { MIXED_SCRIPT_VERSION, generateMixedScriptText } from './mixedScriptCorpus'

// Run by npm from the repository's root.
const cacheDir = resolve('bench', '.cache')
const MB = 1e6

interface PrepOptions {
  kinds: ('zipf' | 'mixed')[]
  file: string | null
  mb: number
  repeat: number
  threads: number[]
  tokenizer: Partial<TokenizerOptions>
}

function parseArgs(argv: readonly string[]): PrepOptions {
  const options: PrepOptions = { kinds: ['zipf', 'mixed'], file: null, mb: 100, repeat: 3, threads: [1, availableParallelism()], tokenizer: {} }
  const tokenizer: { -readonly [K in keyof TokenizerOptions]?: TokenizerOptions[K] } = {}
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!
    const value = (): string => {
      const v = argv[++i]
      if (v === undefined) throw new Error(`${flag} needs a value.`)
      return v
    }
    switch (flag) {
      case '--kind': options.kinds = value().split(',') as PrepOptions['kinds']; break
      case '--file': options.file = value(); break
      case '--mb': options.mb = Number(value()); break
      case '--repeat': options.repeat = Number(value()); break
      case '--threads': options.threads = value().split(',').map(Number); break
      case '--punctuation': tokenizer.punctuation = value() as TokenizerOptions['punctuation']; break
      case '--numbers': tokenizer.numbers = value() as TokenizerOptions['numbers']; break
      case '--no-lowercase': tokenizer.lowercase = false; break
      case '--locale': tokenizer.locale = value(); break
      case '--segmentation': tokenizer.segmentation = value() as TokenizerOptions['segmentation']; break
      default: throw new Error(`Unknown flag ${flag}; see the comment at the top of bench/prepRate.ts.`)
    }
  }
  options.tokenizer = tokenizer
  return options
}

function corpusFile(kind: 'zipf' | 'mixed', mb: number): string {
  if (kind === 'zipf') {
    // The scale tier's Zipf words over 1M types average about 3.6 bytes with their space.
    const tokens = Math.round((mb * MB) / 3.6)
    return ensureScaleCorpus(cacheDir, { kind: 'zipf', tokens, types: 1_000_000, seed: 1 }, console.log).file
  }
  const file = join(cacheDir, `mixed-script-${mb}MB-s1-v${MIXED_SCRIPT_VERSION}.txt`)
  if (existsSync(file)) return file
  mkdirSync(cacheDir, { recursive: true })
  console.log(`generating a mixed-script corpus of about ${mb} MB`)
  const fd = openSync(`${file}.tmp`, 'w')
  // Characters, not bytes: the mixed text averages about 1.6 UTF-8 bytes a character.
  generateMixedScriptText(Math.round((mb * MB) / 1.6), { seed: 1, typesPerScript: 50_000 }, (piece) => void writeSync(fd, piece))
  closeSync(fd)
  renameSync(`${file}.tmp`, file)
  return file
}

interface Run {
  seconds: number
  cpuSeconds: number
  tokens: number
  types: number
}

async function prepareOnce(file: string, tokenizer: Partial<TokenizerOptions>, threads: number): Promise<Run> {
  const start = performance.now()
  const cpu = process.cpuUsage()
  const { raw } = await readCorpusFiles([file], { tokenizer, threads, createSink: () => new FileTokenSink() })
  try {
    const { vocabulary } = buildVocabulary(raw, { minCount: 5 })
    const source = openTokenSource(raw.store)
    try {
      planChunks(source, typeToVocabulary(raw.types, vocabulary))
    } finally {
      source.close()
    }
  } finally {
    releaseTokenStore(raw.store)
  }
  const used = process.cpuUsage(cpu)
  return { seconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6, tokens: raw.tokenCount, types: raw.types.length }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[s.length >> 1]!
}

const options = parseArgs(process.argv.slice(2))
const files = options.file !== null ? [options.file] : options.kinds.map((k) => corpusFile(k, options.mb))
console.log(`tokenizer: ${JSON.stringify(options.tokenizer)}; ${options.repeat} runs each, interleaved; medians`)
console.log('| file | MB | tokens | types | threads | seconds | MB/s | CPU s |')
console.log('|---|---|---|---|---|---|---|---|')
for (const file of files) {
  const bytes = statSync(file).size
  const runs = new Map<number, Run[]>(options.threads.map((t) => [t, []]))
  for (let r = 0; r < options.repeat; r++) {
    for (const threads of options.threads) runs.get(threads)!.push(await prepareOnce(file, options.tokenizer, threads))
  }
  for (const [threads, list] of runs) {
    const seconds = median(list.map((x) => x.seconds))
    const { tokens, types } = list[0]!
    console.log(
      `| ${file.slice(file.lastIndexOf('/') + 1)} | ${(bytes / MB).toFixed(1)} | ${tokens.toLocaleString('en-US')} | ${types.toLocaleString('en-US')} | ${threads} | ` +
        `${seconds.toFixed(2)} | ${(bytes / MB / seconds).toFixed(1)} | ${median(list.map((x) => x.cpuSeconds)).toFixed(2)} |`,
    )
  }
}
