/** The growing typed arrays of corpus reading: a copy at least `needed` long, doubling, so n appends cost O(n). */
export function grown<T extends Int32Array | Uint16Array | Float64Array>(array: T, needed: number): T {
  let size = Math.max(1, array.length * 2)
  while (size < needed) size *= 2
  const bigger = new (array.constructor as new (n: number) => T)(size)
  bigger.set(array)
  return bigger
}
