import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { type LegacyCase } from './legacyTexts'
import { PYTHON } from './python'

/**
 * Writes each case's text into `dir` as `<name>.txt`, encoded by Python's codecs, and returns the
 * paths by case name. Python is an encoder independent of the decoders under test.
 */
export function writeLegacyFiles(dir: string, cases: readonly LegacyCase[]): Map<string, string> {
  const files = cases.map((c) => ({ path: join(dir, `${c.name}.txt`), text: c.text, codec: c.codec }))
  const script = 'import json, sys\nfor f in json.load(sys.stdin):\n    open(f["path"], "wb").write(f["text"].encode(f["codec"]))\n'
  const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(files), encoding: 'utf8' })
  if (run.status !== 0) throw new Error(`Python could not write the encoded files: ${run.stderr || run.error?.message}`)
  return new Map(cases.map((c, i) => [c.name, files[i]!.path]))
}
