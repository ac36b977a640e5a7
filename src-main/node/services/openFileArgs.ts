/**
 * Files handed to the app from outside — on the command line, by a second launch, dropped on
 * the dock or taskbar icon — and what to open them as: text is a corpus, the vector formats
 * the app reads are vectors.
 */
import { extname, resolve } from 'node:path'

export type OpenableKind = 'corpus' | 'vectors'

const KINDS: Readonly<Record<string, OpenableKind>> = {
  '.txt': 'corpus',
  '.vec': 'vectors',
  '.bin': 'vectors',
  '.npy': 'vectors',
  '.json': 'vectors',
  '.tsv': 'vectors',
}

export function openableKind(path: string): OpenableKind | null {
  return KINDS[extname(path).toLowerCase()] ?? null
}

/**
 * The openable files among command-line arguments, made absolute against the launch folder.
 * The executable, switches (Electron and Chromium add their own) and anything that is not one
 * of our file types are skipped.
 */
export function filesFromCommandLine(argv: readonly string[], workingDirectory: string): { path: string; kind: OpenableKind }[] {
  const files: { path: string; kind: OpenableKind }[] = []
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue
    const kind = openableKind(arg)
    if (kind) files.push({ path: resolve(workingDirectory, arg), kind })
  }
  return files
}
