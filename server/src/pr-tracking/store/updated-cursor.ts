/**
 * Cursor of the labelled PR and issue lists, ordered by GitHub's last update (newest first) then
 * number: "<updatedAt ISO>|<number>". GitHub's times have whole seconds, so the ISO form is exact.
 */
export interface UpdatedCursor {
  updatedAt: string;
  number: number;
}

export function updatedCursor(row: { updatedAt: Date; number: number }): string {
  return `${row.updatedAt.toISOString()}|${row.number}`;
}

/** null when `after` is not a cursor of this form. */
export function parseUpdatedCursor(after: string): UpdatedCursor | null {
  const cut = after.lastIndexOf('|');
  const [updatedAt, number] = [after.slice(0, cut), after.slice(cut + 1)];
  if (cut < 0 || Number.isNaN(Date.parse(updatedAt)) || !/^[1-9]\d{0,9}$/.test(number)) return null;
  return { updatedAt, number: Number(number) };
}
