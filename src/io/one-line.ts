/**
 * Text that comes from a plan (names, ids, notes) is printed on one line with its control
 * characters (line breaks, ESC, ...) replaced by spaces, so a plan cannot inject terminal
 * escape sequences or break a table row, in any format.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
}
