/**
 * Writing a figure, from the window or from `w2v plot`. The window sends text (SVG, CSV) or a PNG
 * as base64. Every figure goes through writeFileAtomically like every file the app saves, so a
 * full disk or a refused folder leaves any earlier file of that name as it was and comes back
 * as a sentence.
 */
import type { FileHandle } from 'node:fs/promises'
import { type FigureFormat, type FigureKind, FIGURE_TITLES } from '../../core/contract/figures'
import { writeFileAtomically } from '../atomicFile'
import { AppRequestError } from '../services/appErrors'

const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)

/** The bytes of a figure the window sent; a PNG that is not one is refused before anything is written. */
export function figureBytesFromWindow(figure: FigureKind, format: FigureFormat, content: string): Uint8Array {
  if (format !== 'png') return Buffer.from(content, 'utf8')
  const bytes = Buffer.from(content, 'base64')
  if (bytes.length < PNG_SIGNATURE.length || !PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    throw new AppRequestError('badRequest', `The ${FIGURE_TITLES[figure]} was not saved: the window sent an image that is not a PNG.`)
  }
  return bytes
}

async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset)
    offset += bytesWritten
  }
}

/** `description` names the figure in messages, e.g. 'the loss chart'. */
export async function writeFigureFile(path: string, bytes: Uint8Array | string, description: string): Promise<void> {
  const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes
  await writeFileAtomically(path, (handle) => writeAll(handle, data), { description })
}
