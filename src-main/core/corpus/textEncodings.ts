/**
 * The text encodings a corpus can be read in: any the WHATWG Encoding Standard names, which
 * TextDecoder implements (Node, Electron and browsers carry full ICU). An encoding is known here
 * by the decoder's own name for it (`new TextDecoder(label).encoding`: 'shift_jis', 'gbk',
 * 'windows-1252'), so "latin1", "iso-8859-1" and "cp1252" are one encoding, as they are to
 * every browser. ENCODING_CHOICES is the short list the window offers and the command line
 * quotes as examples; any other label TextDecoder knows is accepted as well.
 */

export interface EncodingChoice {
  /** The decoder's name for it. */
  readonly encoding: string
  /** As people write it. */
  readonly label: string
  /** What it was made for. */
  readonly scripts: string
}

export const ENCODING_CHOICES: readonly EncodingChoice[] = [
  { encoding: 'utf-8', label: 'UTF-8', scripts: 'Unicode' },
  { encoding: 'utf-16le', label: 'UTF-16LE', scripts: 'Unicode' },
  { encoding: 'utf-16be', label: 'UTF-16BE', scripts: 'Unicode' },
  { encoding: 'windows-1252', label: 'Windows-1252 (Latin-1)', scripts: 'Western European' },
  { encoding: 'iso-8859-15', label: 'ISO-8859-15 (Latin-9)', scripts: 'Western European' },
  { encoding: 'windows-1250', label: 'Windows-1250', scripts: 'Central European' },
  { encoding: 'iso-8859-2', label: 'ISO-8859-2 (Latin-2)', scripts: 'Central European' },
  { encoding: 'windows-1251', label: 'Windows-1251', scripts: 'Cyrillic' },
  { encoding: 'koi8-r', label: 'KOI8-R', scripts: 'Russian' },
  { encoding: 'koi8-u', label: 'KOI8-U', scripts: 'Ukrainian' },
  { encoding: 'iso-8859-5', label: 'ISO-8859-5', scripts: 'Cyrillic' },
  { encoding: 'windows-1253', label: 'Windows-1253', scripts: 'Greek' },
  { encoding: 'iso-8859-7', label: 'ISO-8859-7', scripts: 'Greek' },
  { encoding: 'windows-1254', label: 'Windows-1254', scripts: 'Turkish' },
  { encoding: 'windows-1255', label: 'Windows-1255', scripts: 'Hebrew' },
  { encoding: 'windows-1256', label: 'Windows-1256', scripts: 'Arabic' },
  { encoding: 'windows-1257', label: 'Windows-1257', scripts: 'Baltic' },
  { encoding: 'windows-1258', label: 'Windows-1258', scripts: 'Vietnamese' },
  { encoding: 'windows-874', label: 'Windows-874', scripts: 'Thai' },
  { encoding: 'gbk', label: 'GBK', scripts: 'Simplified Chinese' },
  { encoding: 'gb18030', label: 'GB18030', scripts: 'Chinese' },
  { encoding: 'big5', label: 'Big5', scripts: 'Traditional Chinese' },
  { encoding: 'shift_jis', label: 'Shift_JIS', scripts: 'Japanese' },
  { encoding: 'euc-jp', label: 'EUC-JP', scripts: 'Japanese' },
  { encoding: 'iso-2022-jp', label: 'ISO-2022-JP', scripts: 'Japanese' },
  { encoding: 'euc-kr', label: 'EUC-KR', scripts: 'Korean' },
]

/** An encoding found from a sample of a file's bytes, and how sure the detector is of it (0 to 1). */
export interface EncodingDetection {
  readonly encoding: string
  readonly confidence: number
}

/** The encodings written by Unicode, which a file announces with a byte-order mark. */
export const UNICODE_ENCODINGS: readonly string[] = ['utf-8', 'utf-16le', 'utf-16be']

/**
 * The decoder's name for `label` (any WHATWG label, in any case, spaces around it ignored), or
 * null when no decoder has it. The "replacement" encoding (the labels of ISO-2022-KR and
 * ISO-2022-CN, which browsers refuse to read) decodes nothing and counts as unknown.
 */
export function encodingOf(label: string): string | null {
  try {
    const encoding = new TextDecoder(label.trim()).encoding
    return encoding === 'replacement' ? null : encoding
  } catch {
    return null
  }
}

/** How a user writes the encoding: the choice's label, else the decoder's name in capitals. */
export function encodingLabel(encoding: string): string {
  return ENCODING_CHOICES.find((choice) => choice.encoding === encoding)?.label ?? encoding.toUpperCase()
}

/** A few labels to show someone who named an encoding that does not exist. */
export const ENCODING_EXAMPLES = ['utf-8', 'windows-1252', 'latin1', 'gbk', 'big5', 'shift_jis', 'euc-jp', 'euc-kr', 'koi8-r', 'windows-1251']

/** The sentence for a label no decoder knows. */
export function unknownEncodingMessage(label: string): string {
  return `“${label}” is not the name of a text encoding. Use a WHATWG encoding label, such as ${ENCODING_EXAMPLES.join(', ')}.`
}
