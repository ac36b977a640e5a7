import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

describe('electron-vite build', () => {
  it('produces main, trainer, preload and renderer from the layer folders', () => {
    execFileSync(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'], { stdio: 'pipe' })
    for (const file of ['out/main/index.js', 'out/main/trainer.js', 'out/preload/index.cjs', 'out/renderer/index.html']) {
      expect(existsSync(file), file).toBe(true)
    }
    // The sandboxed preload must be CommonJS, and main must point at the file that was built.
    const preload = readFileSync('out/preload/index.cjs', 'utf8')
    expect(preload).toMatch(/require\(["']electron["']\)/)
    // A sandboxed preload cannot load packages: 'electron' must be the only thing it requires.
    expect(new Set([...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]))).toEqual(new Set(['electron']))
    expect(readFileSync('out/main/index.js', 'utf8')).toContain('../preload/index.cjs')
    const html = readFileSync('out/renderer/index.html', 'utf8')
    expect(html).toContain('Content-Security-Policy')
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/index-[\w-]+\.js">/)
  })
})
