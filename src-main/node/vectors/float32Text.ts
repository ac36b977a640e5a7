/**
 * Nine significant digits, trailing zeros dropped: enough for every float32 to read back exactly,
 * whether a reader parses straight to float32 or to a double that it then rounds (half a step of
 * nine digits is always far smaller than half a float32 step).
 */
export function formatFloat32(x: number): string {
  if (x === 0) return Object.is(x, -0) ? '-0' : '0'
  const s = x.toPrecision(9)
  const e = s.indexOf('e')
  const mantissaEnd = e === -1 ? s.length : e
  if (s.indexOf('.') === -1 || s.indexOf('.') > mantissaEnd) return s
  let end = mantissaEnd
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--
  if (s.charCodeAt(end - 1) === 46 /* . */) end--
  return e === -1 ? s.slice(0, end) : s.slice(0, end) + s.slice(e)
}

/** vectors[start..end) as text, each value by `formatFloat32` (exact float32 round trip). */
export function floatsText(vectors: Float32Array, start: number, end: number, separator: string): string {
  let text = formatFloat32(vectors[start]!)
  for (let k = start + 1; k < end; k++) text += separator + formatFloat32(vectors[k]!)
  return text
}
