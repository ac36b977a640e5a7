/**
 * CSV as RFC 4180 writes it: fields separated by commas, lines ended by CRLF, and a field quoted
 * (its quotes doubled) when it holds a comma, a quote or a line break. Words come from any corpus,
 * so a word like `"hello,` must come back as itself in a spreadsheet or in Python's csv module.
 * Leading or trailing spaces are quoted too: some readers trim them otherwise.
 */

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/u

export type CsvValue = string | number | null

/** One field: a number in full precision (the shortest text that reads back as the same double), null as empty. */
export function csvField(value: CsvValue): string {
  if (value === null) return ''
  // String(-0) is "0"; the sign is part of the number that was plotted.
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value)
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value
}

/** The whole file: a header line, then one line per row, every line ended by CRLF. */
export function csvText(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [header.map(csvField).join(',')]
  for (const row of rows) lines.push(row.map(csvField).join(','))
  return lines.join('\r\n') + '\r\n'
}

/**
 * Reads CSV text back into rows of fields (the inverse of csvText, and of any RFC 4180 file):
 * quoted fields may hold commas, doubled quotes and line breaks. Used by tests and by anyone
 * checking a saved file.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let i = 0
  let quoted = false
  while (i < text.length) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i += 2
      } else if (c === '"') {
        quoted = false
        i++
      } else {
        field += c
        i++
      }
      continue
    }
    if (c === '"') {
      quoted = true
      i++
    } else if (c === ',') {
      row.push(field)
      field = ''
      i++
    } else if (c === '\r' || c === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1
    } else {
      field += c
      i++
    }
  }
  if (field !== '' || row.length > 0) {
    row.push(field)
    rows.push(row)
  }
  return rows
}
