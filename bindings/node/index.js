'use strict';
// selfcheck for Node.js: score, sign and verify self-assessments with the same core as the
// `selfcheck` command line and the web widget. Objects in, objects out; a refusal throws
// SelfcheckError with the same code, messages and problems as every other binding.

const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
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

function callWith(fn, args) {
  const given = Object.fromEntries(Object.entries(args).filter(([, value]) => value !== undefined && value !== null));
  return JSON.parse(call(fn, JSON.stringify(given)));
}

const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

module.exports = {
  SelfcheckError,
  call,
  /** The built-in catalogue (the current version, or `version`). */
  catalogue: ({ version } = {}) => callWith('catalogue', { version }),
  /** A blank answers document with hints. */
  template: ({ catalogue, lang } = {}) => callWith('template', { catalogue, lang }),
  /** The report of an answers document (object or JSON text). */
  score: (answers, { catalogue } = {}) => callWith('score', { answers, catalogue }),
  /** Scores and signs answers with the association's encrypted key file (PEM text). */
  sign: (answers, key, passphrase, { time, random, catalogue } = {}) => {
    const bytes = random ?? randomBytes(16);
    if (bytes.length !== 16) throw new RangeError('random must be 16 bytes');
    return callWith('sign', {
      answers, key, passphrase, time: time ?? now(), random: Buffer.from(bytes).toString('hex'), catalogue,
    });
  },
  /** The verdict on a signed result; an invalid result is a verdict, not an exception. */
  verify: (result, { register, catalogues, now: at } = {}) =>
    callWith('verify', { result, register, catalogues, now: at ?? now() }),
  /**
   * The bureau's analysis of received files (`selfcheck-analysis/2`, as `selfcheck summary
   * --format json`): each file `{ name, content }` or only its content.
   */
  summary: (results, options = {}) => summary(results, options),
  /**
   * `summary` of every file under `folder`, as `selfcheck summary FOLDER` reads them (a file that
   * is not a result gets that verdict), named by its path relative to it; links not followed.
   */
  summaryOfFolder: (folder, options = {}) => {
    const files = [];
    const walk = (dir) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.isFile()) {
          files.push({ name: path.relative(folder, full), content: fs.readFileSync(full, 'utf8') });
        }
      }
    };
    walk(folder);
    files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return summary(files, options);
  },
};

function summary(results, { register, expected, reviews, deadline, months, month, longestPeriod, catalogues, lang, now: at } = {}) {
  return callWith('summary', {
    results: Array.from(results),
    register,
    expected,
    reviews,
    deadline,
    months,
    month,
    longest_period: longestPeriod,
    catalogues,
    lang,
    now: at ?? now(),
  });
}
