// Types of the npm package `selfcheck` (Node.js).

/** A JSON document: the parsed object, or its text. */
export type Document = string | Record<string, unknown>;

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
  options?: { register?: string; catalogues?: Document[]; now?: string },
): Verdict;
