'use strict';
// selfcheck for Node.js: score, sign and verify self-assessments with the same core as the
// `selfcheck` command line and the web widget. Objects in, objects out; a refusal throws
// SelfcheckError with the same code, messages and problems as every other binding.

const { randomBytes } = require('node:crypto');
const native = require('./pkg/selfcheck_node.js');

/** A refusal: a stable `code`, its `kind`, the message in Chinese and English, each problem. */
class SelfcheckError extends Error {
  constructor(error) {
    super(error.message.en);
    this.name = 'SelfcheckError';
    this.code = error.code;
    this.kind = error.class;
    this.messages = error.message;
    this.problems = error.problems;
  }

  /** The message in `lang` ('zh' or 'en'). */
  messageIn(lang = 'zh') {
    return lang.startsWith('en') ? this.messages.en : this.messages.zh;
  }
}

/** Calls the JSON surface directly: arguments and answer are JSON text, as in every binding. */
function call(fn, argumentsJson) {
  try {
    return native.call(fn, argumentsJson);
  } catch (thrown) {
    if (typeof thrown === 'string') throw new SelfcheckError(JSON.parse(thrown));
    throw thrown;
  }
}

/**
 * Bytes (a Buffer, any Uint8Array, an ArrayBuffer) as the JSON surface takes them, `{ base64 }`:
 * the core reads them as the command line reads a file, never decoded lossily here.
 */
function wire(value) {
  if (value instanceof ArrayBuffer) return { base64: Buffer.from(value).toString('base64') };
  if (ArrayBuffer.isView(value)) {
    return { base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  return value;
}

/** The arguments as JSON text; what JSON cannot hold (a BigInt) as its text. */
function argumentsJson(args) {
  const given = Object.fromEntries(
    Object.entries(args).filter(([, value]) => value !== undefined && value !== null),
  );
  try {
    return JSON.stringify(given, (_, value) => (typeof value === 'bigint' ? String(value) : value));
  } catch {
    // A structure JSON cannot write (a cycle): the core refuses the call as bad arguments.
    return 'null';
  }
}

function callWith(fn, args) {
  return JSON.parse(call(fn, argumentsJson(args)));
}

/** A received file for `summary`: `{ name, content }` or the content, bytes as `{ base64 }`. */
function receivedFile(file) {
  if (file && typeof file === 'object' && !ArrayBuffer.isView(file) && 'content' in file && !('format' in file)) {
    return { ...file, content: wire(file.content) };
  }
  return wire(file);
}

/** The options of `summary` and `summaryOfFolder` as the JSON surface names them. */
function summaryOptions({ register, expected, reviews, deadline, months, month, longestPeriod, catalogues, lang, now: at } = {}) {
  return {
    register: wire(register),
    expected: wire(expected),
    reviews: wire(reviews),
    deadline,
    months,
    month,
    longest_period: longestPeriod,
    catalogues: catalogues === undefined || catalogues === null ? catalogues : Array.from(catalogues, wire),
    lang,
    now: at ?? now(),
  };
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

module.exports = {
  SelfcheckError,
  call,
  /** The built-in catalogue (the current version, or `version`). */
  catalogue: ({ version } = {}) => callWith('catalogue', { version }),
  /** A blank answers document with hints. */
  template: ({ catalogue, lang } = {}) => callWith('template', { catalogue: wire(catalogue), lang }),
  /** The report of an answers document (object, JSON text or bytes). */
  score: (answers, { catalogue } = {}) => callWith('score', { answers: wire(answers), catalogue: wire(catalogue) }),
  /**
   * Scores and signs answers with the association's encrypted key file (PEM text). `random`: 16
   * bytes (a wrong length is refused as the core refuses bad arguments).
   */
  sign: (answers, key, passphrase, { time, random, catalogue } = {}) => {
    const bytes = random ?? randomBytes(16);
    const hex = ArrayBuffer.isView(bytes) || bytes instanceof ArrayBuffer ? Buffer.from(wire(bytes).base64, 'base64').toString('hex') : String(bytes);
    return callWith('sign', {
      answers: wire(answers), key, passphrase, time: time ?? now(), random: hex, catalogue: wire(catalogue),
    });
  },
  /**
   * The verdict on a signed result (object, text, or the file's bytes as received); an invalid
   * result is a verdict, not an exception.
   */
  verify: (result, { register, catalogues, now: at } = {}) =>
    callWith('verify', {
      result: wire(result),
      register: wire(register),
      catalogues: catalogues === undefined || catalogues === null ? catalogues : Array.from(catalogues, wire),
      now: at ?? now(),
    }),
  /**
   * The bureau's analysis of received files (`selfcheck-analysis/3`, as `selfcheck summary
   * --format json`): each file `{ name, content }` or only its content.
   */
  summary: (results, options = {}) => summary(results, options),
  /**
   * `summary` of every file under `folder`, read as `selfcheck summary FOLDER` reads them (the
   * command line's own reader, over Node's `fs`: each file once, as bytes, links never followed,
   * every entry not read listed under `not_read` with why), each named by its path from
   * `folder` as given.
   */
  summaryOfFolder: (folder, options = {}) => {
    try {
      return JSON.parse(native.summaryOfFolder(String(folder), argumentsJson(summaryOptions(options))));
    } catch (thrown) {
      if (typeof thrown === 'string') throw new SelfcheckError(JSON.parse(thrown));
      throw thrown;
    }
  },
};

function summary(results, options = {}) {
  return callWith('summary', { results: Array.from(results, receivedFile), ...summaryOptions(options) });
}
