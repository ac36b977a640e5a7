/**
 * Text from files and command lines on its way to a terminal: words of a vectors file, lines of
 * a benchmark, file names, error messages that quote them. The terminal would obey a control
 * character in it (ESC starts sequences that clear the screen, retitle the window or rewrite
 * what was printed) and a bidi control would reorder what follows, so each is shown as an
 * escape instead (\x1b, \u202e). JSON output needs none of this: JSON escapes C0 itself, and its
 * readers want the exact text.
 */

// C0, DEL and C1 controls; Arabic letter mark, LRM, RLM; bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu

const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' }

function escapeOne(character: string): string {
  const code = character.codePointAt(0)!
  return SHORT[character] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
}

/** `text` with every control character written as an escape, for printing to a terminal. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeOne)
}
