// Types of the npm package `selfcheck` (Node.js).

/**
 * A JSON document: the parsed object, its text, or the file's bytes as received (read by the core
 * as the command line reads a file: never decoded lossily, GBK and UTF-16 named).
 */
export type Document = string | Record<string, unknown> | Uint8Array | ArrayBuffer;

/** A file's bytes: a Buffer, any Uint8Array, or an ArrayBuffer. */
export type Bytes = Uint8Array | ArrayBuffer;

/** A problem with one field. */
export interface Problem {
  at: string;
  code: string;
  message: { zh: string; en: string };
}

/** A refusal: the same code, messages and problems in every binding. */
export class SelfcheckError extends Error {
  readonly code: string;
  /** 'not-a-result' | 'malformed' | 'invalid' | 'other' */
  readonly kind: string;
  readonly messages: { zh: string; en: string };
  readonly problems: Problem[];
  messageIn(lang?: 'zh' | 'en'): string;
}

/** What `verify` answers. */
export interface Verdict {
  valid: boolean;
  class: 'valid' | 'not-a-result' | 'malformed' | 'invalid' | 'other';
  error: { code: string; class: string; message: { zh: string; en: string }; problems: Problem[] } | null;
  key_status: { code: 'registered' | 'unregistered-code' | 'different-key'; message: { zh: string; en: string } } | null;
  warnings: { code: string; message: { zh: string; en: string } }[];
  result: {
    id: string;
    digest: string;
    issued: string;
    fingerprint: string;
    did: string;
    catalogue: { id: string; version: string; digest: string };
    profile: Record<string, unknown>;
    report: Report;
  } | null;
}

/** A report (`selfcheck-report/1`). */
export interface Report {
  format: 'selfcheck-report/1';
  catalogue: { id: string; version: string; digest: string };
  total: number;
  maximum: number;
  score: number;
  grade: string;
  areas: { id: string; points: number; maximum: number }[];
  vetoes: string[];
  completeness: { answered: number; total: number; open: string[] };
  rectification: { criterion: string; lost: number; open: boolean; veto: boolean; missing_items?: string[] }[];
}

/** Calls the JSON surface directly: arguments and answer are JSON text. */
export function call(fn: string, argumentsJson: string): string;
export function catalogue(options?: { version?: string }): Record<string, unknown>;
export function template(options?: { catalogue?: Document; lang?: 'zh' | 'en' }): Record<string, unknown>;
export function score(answers: Document, options?: { catalogue?: Document }): Report;
export function sign(
  answers: Document,
  key: string,
  passphrase: string,
  options?: { time?: string; random?: Uint8Array; catalogue?: Document },
): Record<string, unknown>;
export function verify(
  result: Document,
  options?: { register?: string | Bytes; catalogues?: Document[]; now?: string },
): Verdict;

/** A received file for `summary`: its content, or its name and content. */
export type ReceivedFile = Document | { name: string; content: Document };

/** Options of `summary` and `summaryOfFolder`. */
export interface SummaryOptions {
  /** The key register (`CREDIT_CODE FINGERPRINT` lines): its text or its bytes. */
  register?: string | Bytes;
  /** The associations expected to report (CSV, TSV or Excel's UTF-16 text): its text or bytes. */
  expected?: string | Bytes;
  /** A review file (`selfcheck-review/1`). */
  reviews?: Document;
  /** The day (1–28) of the following month by which a month's result is due. */
  deadline?: number;
  /** The months of the matrix, `YYYY-MM..YYYY-MM`. */
  months?: string;
  /** The month of the ranking, `YYYY-MM`. */
  month?: string;
  /** A period longer than this many days is an anomaly (default 31). */
  longestPeriod?: number;
  catalogues?: Document[];
  lang?: 'zh' | 'en';
  now?: string;
}

/** The bureau's analysis (`selfcheck-analysis/3`): files, matrix, ranking, province, anomalies. */
export interface Analysis {
  format: 'selfcheck-analysis/3';
  settings: Record<string, unknown>;
  counts: { files: number; accepted: number; rejected: Record<string, number>; copies: number };
  files: Record<string, unknown>[];
  matrix: {
    months: string[];
    rows: { credit_code: string; name: string; expected: boolean; cells: string[]; longest_missed_run: number; current_missed_run: number }[];
  } & Record<string, unknown>;
  ranking: ({ rank: number; credit_code: string; name: string; score: number; grade: string } & Record<string, unknown>)[];
  province: Record<string, unknown>[];
  anomalies: { code: string; credit_code: string | null; message: string; files: { name: string; sha256: string }[] }[];
  /** `summaryOfFolder` only: the entries not read and why, as `selfcheck summary` lists them. */
  not_read?: { name: string; reason: string }[];
}

export function summary(results: Iterable<ReceivedFile>, options?: SummaryOptions): Analysis;
export function summaryOfFolder(folder: string, options?: SummaryOptions): Analysis;
