/**
 * What a path is, decided by its extension alone (the window cannot read files): vectors files
 * open for exploration, anything else is corpus text. A .txt may hold word2vec vectors, but it
 * cannot be told apart without reading it, so it is treated as a corpus.
 */
const VECTOR_EXTENSIONS = ['.vec', '.bin', '.npy', '.json', '.tsv']

export function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1)
}

function extensionOf(path: string): string {
  const name = fileName(path)
  const dot = name.lastIndexOf('.')
  return dot <= 0 ? '' : name.slice(dot).toLowerCase()
}

export type FileKind = 'corpus' | 'vectors'

export function kindOfPath(path: string): FileKind {
  return VECTOR_EXTENSIONS.includes(extensionOf(path)) ? 'vectors' : 'corpus'
}

/** "moby.txt", "a.txt + b.txt", "a.txt and 3 more files". */
export function describePaths(paths: readonly string[]): string {
  const names = paths.map(fileName)
  if (names.length <= 2) return names.join(' + ')
  return `${names[0]} and ${names.length - 1} more files`
}
