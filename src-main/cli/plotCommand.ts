/**
 * `w2v plot`: the figure CS224n's run.py draws (word_vectors.png), from a checkpoint's centre
 * vectors or a vectors file. The words are projected as run.py projects them (core's
 * courseProjection), drawn by the same option builder for every form, and saved as PNG, SVG or
 * the `word,x,y` CSV behind the figure, the form chosen by --out's extension. No browser.
 */
import { scatterCsv } from '../core/contract/figureCsv'
import { FIGURE_BACKGROUND, FIGURE_FORMATS, FIGURE_PNG_PIXEL_RATIO, type FigureFormat, figureFormatOfPath } from '../core/contract/figures'
import { showControls } from '../core/contract/visibleControls'
import { CS224N_PLOT_WORDS, parseWordList } from '../core/contract/wordList'
import { WORD_VECTORS_FIGURE_SIZE, wordVectorsFigureOption } from '../core/figures/wordVectorsFigure'
import { courseProjection } from '../core/projection/courseProjection'
import { DEFAULT_TOKENIZER_OPTIONS } from '../core/corpus/tokenizer'
import type { Embeddings } from '../core/vectors/embeddings'
import { writeFigureFile } from '../node/figures/figureFile'
import { pngOfSvg, svgOfOption } from '../node/figures/figureImages'
import { checkOutputLocations } from '../node/outputLocation'
import { loadTrainingCheckpoint, trainedEmbeddings } from '../node/training/trainingCheckpoint'
import { readEmbeddings } from '../node/vectors/readEmbeddings'
import { UsageError, expectPositional, parseFlags } from './flags'
import { formatCount } from './progressLine'
import type { CliIo } from './trainCommand'

export const PLOT_USAGE = `Usage: w2v plot (--checkpoint <file.w2vckpt> | --vectors <file>) [--words <list>] --out <file.png|file.svg|file.csv>
  Plots the words' centre vectors in 2-D as CS224n's run.py does (PCA of the words, a red point and a label each).
  --words takes words separated by spaces or commas, quoted or not, or a Python list; the default is run.py's ${CS224N_PLOT_WORDS.length} words.
  --out's extension chooses the form: a PNG (at ${FIGURE_PNG_PIXEL_RATIO}× pixel ratio), an SVG, or a CSV of word,x,y.`

const PLOT_FLAGS = { checkpoint: 'string', vectors: 'string', words: 'string', out: 'string' } as const

/** Where the vectors come from: exactly one of --checkpoint and --vectors. */
type Source = { readonly kind: 'checkpoint' | 'vectors'; readonly path: string }

function sourceOf(checkpoint: unknown, vectors: unknown): Source {
  if (typeof checkpoint === 'string' && typeof vectors === 'string') throw new UsageError('give --checkpoint or --vectors, not both')
  if (typeof checkpoint === 'string') return { kind: 'checkpoint', path: checkpoint }
  if (typeof vectors === 'string') return { kind: 'vectors', path: vectors }
  throw new UsageError('name the vectors to plot: --checkpoint <file.w2vckpt> or --vectors <file>')
}

function outputFormat(out: unknown): FigureFormat {
  if (typeof out !== 'string') throw new UsageError('--out <file> is required, e.g. --out word_vectors.png')
  const format = figureFormatOfPath(out)
  if (format === null) {
    throw new UsageError(`--out must end in ${FIGURE_FORMATS.map((f) => `.${f}`).join(', ').replace(/, ([^,]*)$/u, ' or $1')}, which choose the figure's form; “${out}” does not`)
  }
  return format
}

/** The vectors to plot, and whether their words were lower-cased (a vectors file does not say; its words are taken as typed). */
async function embeddingsOf(source: Source, io: CliIo): Promise<{ embeddings: Embeddings; lowercase: boolean }> {
  if (source.kind === 'checkpoint') {
    const checkpoint = await loadTrainingCheckpoint(source.path)
    // run.py plots the centre vectors. Typed words are matched as the window matches them: lower-cased when the corpus was.
    return { embeddings: trainedEmbeddings(checkpoint, 'center'), lowercase: checkpoint.corpus.tokenizer.lowercase ?? DEFAULT_TOKENIZER_OPTIONS.lowercase }
  }
  const { embeddings, warnings } = await readEmbeddings(source.path, { encodingErrors: 'replace' })
  for (const warning of warnings) io.stderr(`Warning: ${showControls(warning)}\n`)
  return { embeddings, lowercase: false }
}

function listed(words: readonly string[]): string {
  return words.map((w) => `“${w}”`).join(', ')
}

/** The figure's bytes in the chosen form. */
async function figureBytes(format: FigureFormat, words: readonly string[], coordinates: Float64Array): Promise<Uint8Array | string> {
  if (format === 'csv') return scatterCsv(words, coordinates)
  const svg = svgOfOption(wordVectorsFigureOption(words, coordinates), WORD_VECTORS_FIGURE_SIZE)
  return format === 'svg' ? svg : pngOfSvg(svg, FIGURE_PNG_PIXEL_RATIO, FIGURE_BACKGROUND)
}

export async function plotCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { flags, positional } = parseFlags(argv, PLOT_FLAGS)
  expectPositional(positional, 0, 'no positional arguments')
  const source = sourceOf(flags.checkpoint, flags.vectors)
  const format = outputFormat(flags.out)
  const out = flags.out as string
  const asked = typeof flags.words === 'string' ? parseWordList(flags.words, false) : [...CS224N_PLOT_WORDS]
  if (asked.length === 0) throw new UsageError('--words names no word; give words separated by spaces or commas, e.g. --words "king queen man woman"')
  await checkOutputLocations([{ path: out, description: 'the figure' }], [{ path: source.path, description: source.kind === 'checkpoint' ? 'the checkpoint' : 'the vectors' }])

  const { embeddings, lowercase } = await embeddingsOf(source, io)
  const wanted = lowercase && typeof flags.words === 'string' ? parseWordList(flags.words, true) : asked
  const { words, coordinates, missing } = courseProjection(embeddings, wanted)
  if (words.length === 0) {
    throw new UsageError(`none of the ${formatCount(wanted.length)} words to plot is in the vocabulary of “${source.path}” (${listed(wanted)}); name words it has with --words`)
  }
  if (missing.length > 0) {
    io.stderr(`Warning: ${formatCount(missing.length)} of the ${formatCount(wanted.length)} words ${missing.length === 1 ? 'is' : 'are'} not in the vocabulary and ${missing.length === 1 ? 'was' : 'were'} left out: ${showControls(listed(missing))}.\n`)
  }
  const bytes = await figureBytes(format, words, coordinates)
  await writeFigureFile(out, bytes, 'the figure')
  io.stdout(`Plotted ${formatCount(words.length)} ${words.length === 1 ? 'word' : 'words'} to ${showControls(out)}.\n`)
  return 0
}
