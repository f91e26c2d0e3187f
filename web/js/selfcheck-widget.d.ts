// Types of the selfcheck-widget package.

/** A report, as the core computes it (selfcheck-report/1). Every number is an integer. */
export interface Report {
  format: 'selfcheck-report/1';
  catalogue: { id: string; version: string; digest?: string };
  total: number;
  maximum: number;
  /** Per mille of the maximum, rounded down: what the grade bands read. */
  score: number;
  /** Grade id: exemplary, good, adequate or rectify with the built-in catalogue. */
  grade: string;
  areas: { id: string; points: number; maximum: number }[];
  vetoes: string[];
  completeness: { answered: number; total: number; open: string[] };
  rectification: { criterion: string; lost: number; open: boolean; veto: boolean; missing_items?: string[] }[];
}

/** The association's details; empty strings are not filled in. */
export interface Profile {
  name?: string;
  credit_code?: string;
  contact?: { person?: string; phone?: string; email?: string };
  period?: { from?: string; to?: string };
}

/** Theme values, set as CSS custom properties on the host element. */
export interface Theme {
  accent?: string;
  accentText?: string;
  text?: string;
  background?: string;
  page?: string;
  font?: string;
  radius?: string;
}

export interface MountOptions {
  /** 'zh-CN' (default) or 'en'. */
  lang?: string;
  /** A custom catalogue (object or JSON text), validated like the built-in one. */
  catalogue?: object | string;
  /** Values to fill in. */
  profile?: Profile;
  /** Fields shown read-only with the host's values. */
  locked?: ('name' | 'credit_code')[];
  /** Storage namespace (default 'default'); null keeps nothing in the browser. */
  namespace?: string | null;
  theme?: Theme;
  /**
   * To whom the result is submitted and the printed summary addressed; one text for both
   * languages or one per language. Default: the catalogue's authority (广东省民政厅).
   */
  addressee?: string | { zh: string; en: string };
  /**
   * Your own "how to submit" text, replacing the default; one step per line. One text for
   * both languages or one per language.
   */
  submission?: string | { zh: string; en: string };
  /** The registration authority's key fingerprint, as the site publishes it: a rectification notice signed with another key is refused. */
  bureau_fingerprint?: string;
}

export interface WidgetHandle {
  /** The current report, or null once destroyed. */
  report(): Report | null;
  /** Saves what is pending, unmounts, and leaves no listener or timer behind. */
  destroy(): void;
}

/** Detail of `selfcheck:exported`. */
export interface ExportedDetail {
  /**
   * The download's file name: CREDITCODE-YYYY-MM.json for a period within one month (the
   * month assessed), else CREDITCODE-YYYY-MM_YYYY-MM.json (its first and last month).
   */
  fileName: string;
  /** The signed result (a W3C Verifiable Credential), as JSON text. */
  result: string;
  report: Report;
}

/**
 * Mounts the widget. Listeners added to `element` as soon as the promise resolves (right after
 * `await mount(…)`) hear the current report as their first `selfcheck:change`: nothing the
 * widget emitted before is lost.
 */
export function mount(element: Element, options?: MountOptions): Promise<WidgetHandle>;

/** Why the widget cannot run in this browser or page. */
export class UnsupportedError extends Error {
  /** `csp`: the page's policy forbids WebAssembly; `no-wasm`: the browser has none; `old-browser`: it is too old; `load-failed`: the files did not load. */
  readonly reason: 'csp' | 'no-wasm' | 'old-browser' | 'load-failed';
  /** The engine's own words, for the site's technician. */
  readonly detail: string;
}

/** Whether this browser's WebAssembly has reference types (if not, the fallback build is loaded). */
export function hasReferenceTypes(): boolean;

/**
 * The plain message for a person where the widget cannot run (an `UnsupportedError`, or any
 * other error of `mount()`): Chinese, English below it when `lang` is English.
 */
export function unsupportedMessage(error: unknown, lang?: string): HTMLElement;

/** Bytes of WebAssembly memory in use by the widgets of the page. */
export function wasmMemoryBytes(): number;

export class SelfcheckWidget extends HTMLElement {
  /**
   * Resolves with the current report once the questionnaire is shown, rejects if it cannot
   * load. Listeners added by then hear the current report as their first `selfcheck:change`.
   */
  readonly ready: Promise<Report | null>;
  report(): Report | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'selfcheck-widget': SelfcheckWidget;
  }
  interface HTMLElementEventMap {
    'selfcheck:change': CustomEvent<Report>;
    'selfcheck:exported': CustomEvent<ExportedDetail>;
    'selfcheck:error': CustomEvent<{ message: string }>;
  }
}
