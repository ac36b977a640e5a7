import { spawnSync } from 'node:child_process'

/** Debian's Python, which has python3-gensim and numpy (the pyenv one on PATH does not). */
export const PYTHON = '/usr/bin/python3'

/**
 * Whether PYTHON can import `modules` (e.g. 'gensim, scipy'); when it cannot, says which tests are skipped and why, so a
 * skip is never silent.
 */
export function pythonCanImport(modules: string, skipped: string): boolean {
  const probe = spawnSync(PYTHON, ['-c', `import ${modules}`], { encoding: 'utf8' })
  if (probe.status === 0) return true
  const why = (probe.error?.message ?? probe.stderr.trim().split('\n').at(-1)) || 'unknown reason'
  console.warn(`Skipping ${skipped}: ${PYTHON} cannot import ${modules} (${why}). Debian's python3-gensim brings gensim, numpy and scipy.`)
  return false
}
