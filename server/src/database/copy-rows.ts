import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Marks a value for a json/jsonb column (arrays would otherwise be written as PostgreSQL arrays). */
export class Json {
  constructor(readonly value: unknown) {}
}

export type CopyValue = string | number | boolean | Date | Buffer | string[] | Json | null;

// COPY text format: backslash escapes for the four characters that would break a field or row.
function escapeText(value: string): string {
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
}

function encode(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeText(value.replaceAll('\u0000', ''));
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  if (Array.isArray(value)) return escapeText(arrayLiteral(value.map((v) => String(v).replaceAll('\u0000', ''))));
  return escapeText(JSON.stringify(value.value, (_key, v) => (typeof v === 'string' ? v.replaceAll('\u0000', '') : v)));
}

/**
 * Bulk-loads rows with COPY FROM STDIN (text format) on the given client — the fastest way into
 * PostgreSQL, and transactional when the client is inside BEGIN. NUL characters, which PostgreSQL
 * text cannot hold, are dropped.
 */
export async function copyRows(
  client: PoolClient,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  const sql = `COPY ${table} (${columns.join(', ')}) FROM STDIN`;
  const lines = function* () {
    let chunk = '';
    for (const row of rows) {
      chunk += `${row.map(encode).join('\t')}\n`;
      if (chunk.length > 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  };
  await pipeline(Readable.from(lines()), client.query(copyFrom(sql)));
}
