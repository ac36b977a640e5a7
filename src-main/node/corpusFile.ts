/**
 * Corpus files → RawCorpus, streamed: a chunk at a time is read, decoded and tokenized, so a
 * file of any size is never one string in memory, and its tokens go to a sink (a token file for
 * the app and the CLI) rather than staying in memory. Progress is reported after every chunk and
 * an AbortSignal cancels between chunks. Every failure a user can cause is a CorpusError that
 * names the file.
 */
import type { Stats } from 'node:fs'
import { type FileHandle, open, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { basename } from 'node:path'
import {
  CorpusBuilder, CorpusError, type CorpusLayout, CorpusTextDecoder, type DecodingReport, type EncodingDetection, LAYOUT_SNIFF_CHARS, MemoryTokenSink, type RawCorpus, type TokenStoreWriter,
  type TokenizerOptions, UNNAMED_SOURCE, cancelledError, detectLayout, emptyCorpusError,
} from '../core/corpus/index'
import { type PhraseSummary, phraseSummary } from '../core/corpus/phraseJoining'
import { joinCorpusPhrases } from './corpusPhrases'
import { CorpusWorkerFailure, ParallelPreparation } from './parallelPreparation'
import { releaseTokenStore } from './tokenFile'
import { nonRegularKind } from './fileKind'
import { detectFileEncoding, detectEncoding } from './encodingDetection'

/**
 * Bytes read at a time. Not 1 MiB: Node's TextDecoder returns a string of about a million
 * characters or more as an external string, outside V8's heap, which only a full collection
 * frees; reading a 25M-token file in 1 MiB chunks piled up ~50 MB of them and made reading the
 * peak of a whole training run (157 MB against 121 MB at 256 KiB, which also read 25% faster).
 */
export const DEFAULT_CHUNK_BYTES = 1 << 18

export interface ReadCorpusOptions {
  readonly tokenizer?: Partial<TokenizerOptions>
  /** Bytes read at a time (default 256 KiB). */
  readonly chunkBytes?: number
  /** Called after each chunk; totalBytes is the size of all files together. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void
  readonly signal?: AbortSignal
  /**
   * Threads that tokenize and count (default: the cores, at most MAX_PREPARATION_THREADS); 1
   * reads on this thread. The CS224n format, and corpora under `parallelFromBytes` (default
   * PARALLEL_FROM_BYTES: starting threads costs more than they save), are read on this thread.
   */
  readonly threads?: number
  readonly parallelFromBytes?: number
  /**
   * Makes the sink the token stream goes to: a FileTokenSink for corpora of any size; memory when
   * not given. A read that fails, is cancelled or is redone on one thread discards its sink; on
   * success the caller owns the store (tokenFile's releaseTokenStore).
   */
  readonly createSink?: () => TokenStoreWriter
  /** When the tokenizer options ask for phrases: called once the files are read, before the phrases are joined. */
  readonly beforePhrases?: () => Promise<void>
  /** The fraction of phrase joining done (all its passes). */
  readonly onPhrasesProgress?: (fraction: number) => void
  /** Phrases the summary lists (default TOP_PHRASES). */
  readonly topPhrases?: number
}

export const MAX_PREPARATION_THREADS = 4
export const PARALLEL_FROM_BYTES = 8 << 20

/**
 * How one file was read (its encoding, replaced bytes), its size, the layout its first lines have,
 * the legacy encoding a sample of its bytes looks like (null: none) and whether the encoding it
 * was read in was named by the user (tokenizer option `encoding`) rather than found.
 */
export interface CorpusFileSummary extends DecodingReport {
  readonly path: string
  readonly bytes: number
  readonly layout: CorpusLayout
  readonly detected: EncodingDetection | null
  readonly chosen: boolean
}

export interface CorpusFileResult extends CorpusFileSummary {
  readonly raw: RawCorpus
  readonly phrases?: PhraseSummary
}

export interface CorpusFilesResult {
  readonly raw: RawCorpus
  readonly files: readonly CorpusFileSummary[]
  readonly replacedSequences: number
  readonly bytes: number
  /** What phrase joining found, when the tokenizer options ask for it (`raw` is then the joined corpus). */
  readonly phrases?: PhraseSummary
}

export async function readCorpusFile(path: string, options: ReadCorpusOptions = {}): Promise<CorpusFileResult> {
  const { raw, files, phrases } = await readCorpusFiles([path], options)
  return { raw, ...files[0]!, ...(phrases ? { phrases } : {}) }
}

/**
 * Several files read as one corpus, in the order given (a book in chapter files): each file
 * has its own byte-order mark and starts a new line. Each is read in the tokenizer option
 * `encoding` when it is given, else in the encoding a sample of its bytes shows (UTF-8 when it is
 * valid UTF-8: see encodingDetection.ts). Decoding is one streaming decoder per file on this
 * thread, so the text the preparation threads cut at line ends never splits a character.
 * When the tokenizer options ask for phrases,
 * they are joined here, so every reader of a corpus (the window, `train`, `gradcheck`, a restored
 * checkpoint) reads the same tokens.
 */
export async function readCorpusFiles(paths: readonly string[], options: ReadCorpusOptions = {}): Promise<CorpusFilesResult> {
  const read = await readTokens(paths, options)
  const phraseOptions = options.tokenizer?.phrases
  if (!phraseOptions) return read
  try {
    await options.beforePhrases?.()
    const joined = await joinCorpusPhrases(read.raw, phraseOptions, {
      createSink: options.createSink ?? (() => new MemoryTokenSink()), source: paths.length === 1 ? basename(paths[0]!) : UNNAMED_SOURCE,
      ...(options.signal ? { signal: options.signal } : {}), ...(options.onPhrasesProgress ? { onProgress: options.onPhrasesProgress } : {}),
    })
    return { ...read, raw: joined.raw, phrases: phraseSummary(joined.passes, read.raw.tokenCount, options.topPhrases) }
  } finally {
    releaseTokenStore(read.raw.store)
  }
}

async function readTokens(paths: readonly string[], options: ReadCorpusOptions): Promise<CorpusFilesResult> {
  const { tokenizer = {}, chunkBytes = DEFAULT_CHUNK_BYTES, onProgress, signal } = options
  if (!Number.isInteger(chunkBytes) || chunkBytes < 1) throw new RangeError(`chunkBytes must be a whole number ≥ 1, not ${chunkBytes}.`)
  if (paths.length === 0) throw new RangeError('readCorpusFiles needs at least one file.')
  const overall = paths.length === 1 ? basename(paths[0]!) : UNNAMED_SOURCE
  if (signal?.aborted) throw cancelledError(overall)

  const sizes: number[] = []
  for (const path of paths) sizes.push(await cancellable(fileSize(path), signal, overall))
  const totalBytes = sizes.reduce((a, b) => a + b, 0)

  const threads = Math.min(options.threads ?? availableParallelism(), MAX_PREPARATION_THREADS)
  if (!Number.isInteger(threads) || threads < 1) throw new RangeError(`threads must be a whole number ≥ 1, not ${options.threads}.`)
  const parallel = threads > 1 && tokenizer.format !== 'cs224n' && totalBytes >= (options.parallelFromBytes ?? PARALLEL_FROM_BYTES)
  const createSink = options.createSink ?? (() => new MemoryTokenSink())
  if (parallel) {
    const sink = createSink()
    try {
      return await readInto(parallelFiles(new ParallelPreparation(threads, tokenizer, sink)), paths, tokenizer.encoding, totalBytes, chunkBytes, overall, onProgress, signal)
    } catch (error) {
      sink.discard()
      if (!(error instanceof CorpusWorkerFailure)) throw error
      // Threads may be unavailable where we run (a utility process): one thread reads the same corpus.
    }
  }
  const sink = createSink()
  try {
    return await readInto(sequentialPreparation(tokenizer, basename(paths[0]!), sink), paths, tokenizer.encoding, totalBytes, chunkBytes, overall, onProgress, signal)
  } catch (error) {
    sink.discard()
    throw error
  }
}

/** What becomes of the decoded text: CorpusBuilder on this thread, or ParallelPreparation. */
interface Preparation {
  addText(text: string): Promise<void> | void
  /** Ends the current line before the next file (`name`) starts. */
  beginFile(name: string): void
  finish(): Promise<RawCorpus> | RawCorpus
  dispose(): void
}

function sequentialPreparation(tokenizer: Partial<TokenizerOptions>, firstName: string, sink: TokenStoreWriter): Preparation {
  const builder = new CorpusBuilder(tokenizer, firstName, sink)
  return { addText: (text) => builder.addText(text), beginFile: (name) => builder.beginSource(name), finish: () => builder.finish(), dispose: () => undefined }
}

function parallelFiles(preparation: ParallelPreparation): Preparation {
  let first = true
  return {
    addText: (text) => preparation.addText(text),
    beginFile: () => {
      if (!first) preparation.endLine()
      first = false
    },
    finish: () => preparation.finish(),
    dispose: () => preparation.dispose(),
  }
}

async function readInto(
  preparation: Preparation, paths: readonly string[], chosen: string | undefined, totalBytes: number, chunkBytes: number, overall: string,
  onProgress: ReadCorpusOptions['onProgress'], signal: AbortSignal | undefined,
): Promise<CorpusFilesResult> {
  const buffer = new Uint8Array(chunkBytes)
  const files: CorpusFileSummary[] = []
  let bytesRead = 0
  try {
    for (const path of paths) {
      const name = basename(path)
      preparation.beginFile(name)
      let head = ''
      let fileBytes = 0
      const handle = await cancellable(openFile(path), signal, overall, (late) => void late.close().catch(() => undefined))
      try {
        // Detected even when the user chose the encoding: the window shows both.
        const detected = await cancellable(detectOrFail(handle, path), signal, overall)
        const decoder = new CorpusTextDecoder(name, chosen ?? detected?.encoding)
        for (;;) {
          if (signal?.aborted) throw cancelledError(overall)
          const n = await cancellable(readChunk(handle, buffer, path), signal, overall)
          if (n === 0) break
          const text = decoder.push(buffer.subarray(0, n))
          if (head.length < LAYOUT_SNIFF_CHARS) head += text.slice(0, LAYOUT_SNIFF_CHARS - head.length)
          await cancellable(Promise.resolve(preparation.addText(text)), signal, overall)
          fileBytes += n
          bytesRead += n
          // A file that grew since it was measured must not push progress past 100 %.
          totalBytes = Math.max(totalBytes, bytesRead)
          onProgress?.(bytesRead, totalBytes)
        }
        const rest = decoder.end()
        if (head.length < LAYOUT_SNIFF_CHARS) head += rest.slice(0, LAYOUT_SNIFF_CHARS - head.length)
        await preparation.addText(rest)
        files.push({ path, bytes: fileBytes, ...decoder.report(), layout: detectLayout(head), detected, chosen: chosen !== undefined })
      } finally {
        await handle.close()
      }
    }
    const raw = await cancellable(Promise.resolve(preparation.finish()), signal, overall)
    // The caller's catch discards the stream.
    if (raw.tokenCount === 0) throw emptyCorpusError(overall, bytesRead)
    return { raw, files, replacedSequences: files.reduce((sum, f) => sum + f.replacedSequences, 0), bytes: bytesRead }
  } finally {
    preparation.dispose()
  }
}

/**
 * The fs call's result, or a cancelled CorpusError as soon as the signal fires. A call stuck in
 * the kernel (a hung network mount) cannot be interrupted, but the load must still answer and
 * the session take the next one; `abandon` disposes of what such a call yields later.
 */
function cancellable<T>(call: Promise<T>, signal: AbortSignal | undefined, source: string, abandon?: (late: T) => void): Promise<T> {
  if (!signal) return call
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => {
      reject(cancelledError(source))
      if (abandon) call.then(abandon, () => undefined)
      else call.catch(() => undefined)
    }
    if (signal.aborted) return onAbort()
    signal.addEventListener('abort', onAbort, { once: true })
    call.then(
      (value) => {
        signal.removeEventListener('abort', onAbort)
        resolve(value)
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort)
        reject(error as Error)
      },
    )
  })
}

async function fileSize(path: string): Promise<number> {
  let info: Stats
  try {
    info = await stat(path)
  } catch (error) {
    throw corpusFileError(path, error)
  }
  const kind = nonRegularKind(info)
  if (kind) throw new CorpusError('notAFile', `“${basename(path)}” is ${kind}, not a text file. Choose a plain-text file (.txt).`)
  return info.size
}

async function openFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r')
  } catch (error) {
    throw corpusFileError(path, error)
  }
}

async function detectOrFail(handle: FileHandle, path: string): Promise<EncodingDetection | null> {
  try {
    return await detectFileEncoding(handle, (await handle.stat()).size)
  } catch (error) {
    throw corpusFileError(path, error)
  }
}

async function readChunk(handle: FileHandle, buffer: Uint8Array, path: string): Promise<number> {
  try {
    return (await handle.read(buffer, 0, buffer.length, null)).bytesRead
  } catch (error) {
    throw corpusFileError(path, error)
  }
}

/** A file-system failure as the sentence a user reads; a CorpusError passes through. */
export function corpusFileError(path: string, error: unknown): CorpusError {
  if (error instanceof CorpusError) return error
  const name = `“${basename(path)}”`
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return new CorpusError('notFound', `The file ${name} does not exist (at ${path}); it may have been moved or deleted.`, { cause: error })
    case 'EISDIR':
      return new CorpusError('notAFile', `${name} is a folder, not a text file. Choose a plain-text file (.txt).`, { cause: error })
    case 'EACCES':
    case 'EPERM':
      return new CorpusError('unreadable', `You do not have permission to read ${name}.`, { cause: error })
    default: {
      const detail = error instanceof Error ? error.message : String(error)
      return new CorpusError('unreadable', `${name} could not be read (${detail}).`, { cause: error })
    }
  }
}

/**
 * The layout a file's first lines show, read before the file is (the command line's course preset
 * needs it to choose the reading), in `encoding` or the one its first bytes show; 'plain' when the
 * file cannot be read, which the read then reports.
 */
export async function sniffLayout(path: string, encoding?: string): Promise<CorpusLayout> {
  try {
    const handle = await open(path, 'r')
    try {
      const bytes = new Uint8Array(4 * LAYOUT_SNIFF_CHARS)
      const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0)
      const sample = bytes.subarray(0, bytesRead)
      const decoder = new CorpusTextDecoder(basename(path), encoding ?? detectEncoding([sample])?.encoding)
      return detectLayout(decoder.push(sample) + decoder.end())
    } finally {
      await handle.close()
    }
  } catch {
    return 'plain'
  }
}
