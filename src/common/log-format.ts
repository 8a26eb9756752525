import type { LogFormat } from '../config/env.schema.js';

/** What LOG_FORMAT=auto becomes: human-readable lines on a terminal, JSON lines elsewhere. */
export function resolveLogFormat(
  setting: LogFormat,
  isTTY: boolean | undefined,
): 'json' | 'pretty' {
  if (setting === 'auto') return isTTY ? 'pretty' : 'json';
  return setting;
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** Fields every line has, shown in the line's head or not at all. */
const HEAD_FIELDS = new Set(['level', 'time', 'service', 'msg', 'context', 'pid', 'hostname']);

function clock(time: unknown): string {
  const date = new Date(typeof time === 'string' || typeof time === 'number' ? time : Date.now());
  return Number.isNaN(date.getTime()) ? '--:--:--' : date.toISOString().slice(11, 19);
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

function errorStack(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const stack = (err as { stack?: unknown }).stack;
  return typeof stack === 'string' ? stack : undefined;
}

/**
 * One pino JSON line as one human-readable line: `12:00:01 WARN  [Context] message key=value`.
 * Works on what pino already redacted, so it shows nothing the JSON line would not. An error's
 * stack follows on indented lines. A line that is not JSON is passed through unchanged.
 */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  const level = (LEVELS[Number(entry.level)] ?? String(entry.level)).padEnd(5);
  const context = typeof entry.context === 'string' ? ` [${entry.context}]` : '';
  const message = typeof entry.msg === 'string' ? ` ${entry.msg}` : '';
  const fields = Object.entries(entry)
    .filter(([name]) => !HEAD_FIELDS.has(name) && name !== 'err' && name !== 'stack')
    .map(([name, value]) => ` ${name}=${fieldText(value)}`)
    .join('');
  const stack = errorStack(entry.err) ?? (typeof entry.stack === 'string' ? entry.stack : '');
  const tail = stack ? `\n${stack.replace(/^/gm, '    ')}` : '';
  return `${clock(entry.time)} ${level}${context}${message}${fields}${tail}\n`;
}

/** A pino destination that writes each line through formatLogLine. */
export function prettyDestination(out: { write(text: string): unknown }) {
  return { write: (line: string) => void out.write(formatLogLine(line)) };
}
