import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

// A folder of its own: other test files run the build in out/ (npm test builds it first) meanwhile.
const outDir = mkdtempSync(join(tmpdir(), 'w2v-build-'))
const out = (file: string): string => join(outDir, file)
afterAll(() => rmSync(outDir, { recursive: true, force: true }))

describe('electron-vite build', () => {
  it('produces main, trainer, preload and renderer from the layer folders', () => {
    execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build', '--outDir', outDir], { stdio: 'pipe' })
    for (const file of ['main/index.js', 'main/trainer.js', 'preload/index.cjs', 'renderer/index.html']) {
      expect(existsSync(out(file)), file).toBe(true)
    }
    // The sandboxed preload must be CommonJS, and main must point at the file that was built.
    const preload = readFileSync(out('preload/index.cjs'), 'utf8')
    expect(preload).toMatch(/require\(["']electron["']\)/)
    // A sandboxed preload cannot load packages: 'electron' must be the only thing it requires.
    expect(new Set([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]))).toEqual(new Set(['electron']))
    expect(readFileSync(out('main/index.js'), 'utf8')).toContain('../preload/index.cjs')
    const html = readFileSync(out('renderer/index.html'), 'utf8')
    expect(html).toContain('Content-Security-Policy')
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/)
  })
})
