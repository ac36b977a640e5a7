import { showControls } from '../core/contract/visibleControls'

/**
 * Plain-text table with a header row; numbers (and “—” for a figure that has none) right-aligned,
 * text left-aligned. Cells are shown terminal-safe.
 */
export function formatTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [header, ...rows.map((r) => r.map((cell) => showControls(String(cell))))]
  const numeric = header.map((_, c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || /^([-+]?[\d.]+(e[-+]?\d+)?|—)$/i.test(String(r[c]))))
  const widths = header.map((_, c) => Math.max(...cells.map((r) => r[c]!.length)))
  return cells
    .map((r) => r.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd())
    .join('\n')
}
