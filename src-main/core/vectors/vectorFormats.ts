/**
 * The vector file formats the app reads and writes, and how a path names one. Export and
 * import share this table so a file written as one format is read back as the same format.
 */
export type VectorFormat = 'word2vec-text' | 'word2vec-binary' | 'glove' | 'projector' | 'npy' | 'json'

export interface VectorFormatInfo {
  readonly format: VectorFormat
  readonly label: string
  /** Extensions (lower case, with the dot) that select this format on their own. */
  readonly extensions: readonly string[]
  /** The extension a save dialog suggests (GloVe's .txt alone would be read back as word2vec text, so it must be named). */
  readonly suggestedExtension: string
  /** What happens to a word the format cannot hold. */
  readonly words: string
}

export const VECTOR_FORMATS: readonly VectorFormatInfo[] = [
  { format: 'word2vec-text', suggestedExtension: '.vec', label: 'word2vec text (gensim, fastText .vec)', extensions: ['.txt', '.vec'], words: 'refuses empty words and words containing whitespace (the format splits on it)' },
  { format: 'word2vec-binary', suggestedExtension: '.bin', label: 'word2vec binary', extensions: ['.bin'], words: 'refuses empty words and words containing whitespace (a space ends the word)' },
  { format: 'glove', suggestedExtension: '.txt', label: 'GloVe text (no header)', extensions: [], words: 'refuses empty words and words containing whitespace' },
  { format: 'projector', suggestedExtension: '.tsv', label: 'TensorFlow Embedding Projector (vectors.tsv + metadata.tsv)', extensions: ['.tsv'], words: 'refuses empty or blank words and words containing a tab or a line break (each would shift the rows)' },
  { format: 'npy', suggestedExtension: '.npy', label: 'NumPy (.npy float32 + vocabulary text)', extensions: ['.npy'], words: 'refuses empty or blank words and words containing a line break (each would shift the rows)' },
  { format: 'json', suggestedExtension: '.json', label: 'JSON', extensions: ['.json'], words: 'any word (JSON escapes it)' },
]

function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot).toLowerCase()
}

/** The format a path's extension names; null when the extension says nothing (GloVe must be asked for). */
export function formatFromPath(path: string): VectorFormat | null {
  const ext = extensionOf(path)
  return VECTOR_FORMATS.find((f) => f.extensions.includes(ext))?.format ?? null
}

/** path without its extension. */
function stem(path: string): string {
  const ext = extensionOf(path)
  return ext === '' ? path : path.slice(0, -ext.length)
}

/**
 * The second file of a two-file format: the Projector's metadata beside its vectors
 * (vectors.tsv → metadata.tsv, name.tsv → name.metadata.tsv) and NumPy's vocabulary beside
 * the array (name.npy → name.vocab.txt); null for one-file formats.
 */
export function companionPath(path: string, format: VectorFormat): string | null {
  if (format === 'projector') {
    const base = stem(path)
    return /(^|[/\\])vectors$/i.test(base) ? `${base.slice(0, -'vectors'.length)}metadata.tsv` : `${base}.metadata.tsv`
  }
  if (format === 'npy') return `${stem(path)}.vocab.txt`
  return null
}
