/**
 * Columns as `kubectl get` prints them: upper-case headers, every column but
 * the last padded to its widest cell, three spaces between columns, no
 * trailing blanks.
 */
const COLUMN_GAP = '   ';

export function textTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const all = [headers, ...rows];
  const widths = headers.map((_, column) => Math.max(...all.map((row) => row[column].length)));
  return all
    .map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]))).join(COLUMN_GAP).trimEnd())
    .join('\n')
    .concat('\n');
}
