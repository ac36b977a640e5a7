/**
 * Text from files and users on its way to a person: words of a corpus or vectors file, benchmark
 * lines, file names, and the messages that quote them. A terminal would obey a control character
 * in it (ESC starts sequences that clear the screen or retitle the window), and a bidi control
 * reorders what follows it, in a terminal and in the window alike: a word ending in U+202E turned
 * the rest of "“…” is not in the vocabulary." backwards. So each is shown as an escape (\x1b,
 * \u202e). The CLI and the window share this rule, hence its place in the contract. JSON output
 * needs none of it: JSON escapes C0 itself, and its readers want the exact text.
 */

// C0, DEL and C1 controls; Arabic letter mark, LRM, RLM; bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- control characters are what this matches
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu

const SHORT: Readonly<Record<string, string>> = { '\t': '\\t', '\n': '\\n', '\r': '\\r' }

function escapeOne(character: string): string {
  const code = character.codePointAt(0)!
  return SHORT[character] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
}

/** `text` with every control character written as an escape. */
export function showControls(text: string): string {
  return text.replace(CONTROLS, escapeOne)
}
