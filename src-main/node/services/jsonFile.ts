/**
 * One small JSON file of app state (settings, recent files, window placement), validated on
 * read and written atomically. A file that cannot be parsed or does not fit its schema is not
 * fatal and not silently overwritten either: it is kept beside the original as `.corrupt`, a
 * warning is logged, and the caller falls back to its defaults.
 */
import { mkdir, readFile, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import type * as v from 'valibot'
import { checkMessage } from '../../core/contract/validation'
import { FileWriteError, writeFileAtomically } from '../atomicFile'
import type { Logger } from './logger'

export class JsonFile<S extends v.GenericSchema> {
  /** Writes run one after another, so the last one asked for is the one on disk. */
  private writing: Promise<void> = Promise.resolve()

  constructor(
    readonly path: string,
    private readonly schema: S,
    /** What the file holds, for messages: 'settings', 'recent files'. */
    private readonly what: string,
    private readonly log: Logger,
  ) {}

  /** The stored value, or null when there is none or it was unreadable (then a warning says so). */
  async read(): Promise<v.InferOutput<S> | null> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'ENOENT') {
        this.log.warn(`The ${this.what} file “${this.path}” could not be read (${(error as Error).message}); the defaults are used.`, error)
      }
      return null
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      return this.keepAside(`it is not valid JSON: ${(error as Error).message}`)
    }
    const checked = checkMessage(this.schema, parsed, `${this.what} file`)
    if (!checked.ok) return this.keepAside(checked.error.message)
    return checked.value
  }

  write(value: v.InferOutput<S>): Promise<void> {
    const text = `${JSON.stringify(value, null, 2)}\n`
    const write = this.writing.then(async () => {
      const folder = dirname(this.path)
      await mkdir(folder, { recursive: true }).catch((error: unknown) => {
        throw new FileWriteError('io', this.path, `Could not create the folder “${folder}” for the ${this.what}: ${(error as Error).message}.`, { cause: error })
      })
      await writeFileAtomically(this.path, (handle) => handle.writeFile(text, 'utf8'), { description: `the ${this.what}` })
    })
    // A failed write is reported to its caller; the next write still runs.
    this.writing = write.catch(() => undefined)
    return write
  }

  private async keepAside(reason: string): Promise<null> {
    const corruptPath = `${this.path}.corrupt`
    try {
      await rename(this.path, corruptPath)
      this.log.warn(`The ${this.what} file “${this.path}” could not be used (${reason}); it was kept as “${corruptPath}” and the defaults are used.`)
    } catch (error) {
      this.log.warn(`The ${this.what} file “${this.path}” could not be used (${reason}) nor moved aside; the defaults are used.`, error)
    }
    return null
  }
}
