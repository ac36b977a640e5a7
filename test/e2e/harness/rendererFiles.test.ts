import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { injectShim, readRendererFile } from './rendererFiles'

const INDEX = '<html><head><meta charset="UTF-8" />\n<script type="module" crossorigin src="./assets/index.js"></script></head><body></body></html>'

describe('the built renderer as the harness serves it', () => {
  let parent: string
  let folder: string

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'w2v-renderer-files-'))
    folder = join(parent, 'renderer')
    await mkdir(join(folder, 'assets'), { recursive: true })
    await writeFile(join(folder, 'index.html'), INDEX)
    await writeFile(join(folder, 'assets', 'index.js'), 'console.log(1)')
    await writeFile(join(parent, 'secret.txt'), 'not served')
  })

  afterAll(() => rm(parent, { recursive: true, force: true }))

  it('puts the shim before the app script so window.w2v exists when the app starts', () => {
    const html = injectShim(INDEX, '/__harness/shim.js')
    const shim = html.indexOf('<script src="/__harness/shim.js"></script>')
    expect(shim).toBeGreaterThan(0)
    expect(shim).toBeLessThan(html.indexOf('<script type="module"'))
    expect(() => injectShim('<html></html>', '/shim.js')).toThrow(/no <script>/)
  })

  it('serves index.html for / with the shim, and assets with their content type', async () => {
    const index = await readRendererFile(folder, '/', '/__harness/shim.js')
    expect(index?.contentType).toMatch(/^text\/html/)
    expect(index?.body.toString()).toContain('/__harness/shim.js')
    const script = await readRendererFile(folder, '/assets/index.js', '/__harness/shim.js')
    expect(script).toEqual({ body: Buffer.from('console.log(1)'), contentType: 'text/javascript; charset=utf-8' })
  })

  it('serves nothing outside the folder and nothing that is missing', async () => {
    expect(await readRendererFile(folder, '/../secret.txt', '/s.js')).toBeNull()
    expect(await readRendererFile(folder, '/%2e%2e/secret.txt', '/s.js')).toBeNull()
    expect(await readRendererFile(folder, '/missing.js', '/s.js')).toBeNull()
    expect(await readRendererFile(folder, '/assets', '/s.js')).toBeNull()
    expect(await readRendererFile(folder, '/%E0%A4%A', '/s.js')).toBeNull()
  })
})
