// The desk's Web Worker: verifies received files with the core (the desk's wasm module, the same
// the page loads) off the main thread, keeps them in IndexedDB so that a reload restores them,
// and answers with progress and the core's analysis (`selfcheck-analysis/3` JSON).
import init, { ArchiveReader, Engine, Sha256Stream } from './selfcheck_desk.js';

const ready = init();
const DATABASE = 'selfcheck-desk';
const STORE = 'files';
/** How often progress is reported, at most, in milliseconds. */
const PROGRESS_EVERY = 100;

let engine = null;
let lang = 'zh';
let database = null;
/** The files held, by SHA-256: their name, and their bytes when IndexedDB cannot keep them. */
const held = new Map();
/** Set by a `cancel` message (handled at once, not queued): the files being read stop there. */
let cancelled = false;
/** How much of a file is read at once when it is hashed in pieces (a file too large to hold). */
const PIECE = 4 * 1024 * 1024;
/** How much of a file too large to read names its kind (the core's HEAD_BYTES). */
const HEAD = 64 * 1024;
/** How long the worker works before it lets messages in (a cancel), in milliseconds. */
const SLICE = 50;

function openDatabase() {
  return new Promise((resolve) => {
    let request;
    try {
      request = indexedDB.open(DATABASE, 1);
    } catch {
      resolve(null);
      return;
    }
    request.onupgradeneeded = () => {
      request.result.createObjectStore(STORE, { autoIncrement: true }).createIndex('sha256', 'sha256');
    };
    request.onsuccess = () => resolve(request.result);
    // Without IndexedDB (a private window may refuse it) the desk works, but forgets on reload.
    request.onerror = () => resolve(null);
  });
}

/**
 * Examines every stored file again (after a reload), one record at a time through a cursor, so
 * that thousands of files are never all in memory at once.
 */
function restoreStored() {
  return new Promise((resolve) => {
    if (!database) return resolve();
    const store = database.transaction(STORE, 'readonly').objectStore(STORE);
    const counted = store.count();
    counted.onsuccess = () => {
      const total = counted.result;
      let done = 0;
      let last = 0;
      postMessage({ type: 'progress', done, total });
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const at = cursor.result;
        if (!at) return resolve();
        const record = at.value;
        // Synchronous, so that the transaction stays open for the next record.
        if (add(record)) held.set(engine.last_sha256(), { name: record.name, bytes: null });
        done += 1;
        const now = performance.now();
        if (now - last > PROGRESS_EVERY || done === total) {
          last = now;
          postMessage({ type: 'progress', done, total });
        }
        at.continue();
      };
      cursor.onerror = () => resolve();
    };
    counted.onerror = () => resolve();
  });
}

function keep(records) {
  if (!database || records.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    const transaction = database.transaction(STORE, 'readwrite');
    const store = transaction.objectStore(STORE);
    for (const record of records) store.add(record);
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => resolve();
  });
}

/** The bytes of the held file with this SHA-256, from IndexedDB (or memory without it). */
function storedBytes(sha256) {
  const entry = held.get(sha256);
  if (!entry) return Promise.resolve(null);
  if (entry.bytes || !database) return Promise.resolve(entry.bytes);
  return new Promise((resolve) => {
    const request = database.transaction(STORE, 'readonly').objectStore(STORE).index('sha256').get(sha256);
    // A file kept by its digest alone (too large to hold) has no bytes to give.
    request.onsuccess = () => resolve(request.result?.bytes ? new Uint8Array(request.result.bytes) : null);
    request.onerror = () => resolve(null);
  });
}

function forgetAll() {
  if (!database) return Promise.resolve();
  return new Promise((resolve) => {
    const transaction = database.transaction(STORE, 'readwrite');
    transaction.objectStore(STORE).clear();
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => resolve();
  });
}

function sendAnalysis() {
  postMessage({ type: 'analysis', json: engine.analysis_json(lang), memory: Engine.memory_bytes() });
}

/**
 * Tells the page that something failed: `code` says what (`read`: a file the browser would not
 * read, named; `message`: the core's words, in the language asked for; `internal`: anything else,
 * whose detail goes to the console only, since the page words every message in its language).
 */
function report(code, { name = '', message = '' } = {}, error = null) {
  if (error) console.error(error);
  postMessage({ type: 'error', code, name, message });
}

/**
 * Examines one received file, a record as IndexedDB keeps it: `{name, bytes}` for a file read;
 * with `problem`, one that could not be opened or unpacked (`bytes` what was received for it, or
 * only its `size` and `sha256` when it was too large to keep); with `head`, a file too large to
 * read (its first bytes, `size` and `sha256`). `false` when the same file is held already.
 */
function add({ name, bytes, problem, size, sha256, head }) {
  if (head) return engine.add_oversized(name, size, sha256, new Uint8Array(head));
  if (problem && !bytes) return engine.add_unopened_digest(name, size, sha256, problem);
  if (problem) return engine.add_unopened(name, new Uint8Array(bytes), problem);
  return engine.add(name, new Uint8Array(bytes));
}

/** Lets the messages waiting in (a cancel) once the worker has worked a slice of time. */
let lastYield = 0;
async function yieldNow(force = false) {
  const now = performance.now();
  if (force || now - lastYield > SLICE) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    lastYield = performance.now();
  }
}

/**
 * The SHA-256 of a file too large to hold, read in pieces, reporting its part done; `null` when
 * cancelled.
 */
async function hashInPieces(file, onPart) {
  const digest = new Sha256Stream();
  try {
    for (let at = 0; at < file.size; at += PIECE) {
      if (cancelled) return null;
      digest.update(new Uint8Array(await file.slice(at, Math.min(at + PIECE, file.size)).arrayBuffer()));
      onPart(Math.min(at + PIECE, file.size) / file.size);
      await yieldNow();
    }
    return digest.finish();
  } catch (error) {
    digest.free();
    throw error;
  }
}

/** How many files are read ahead of the one being examined. */
const READ_AHEAD = 16;
/** How many new files are written to IndexedDB in one transaction, at most… */
const KEEP_BATCH = 256;
/** …and how many bytes, so that large files are not all held in memory waiting to be written. */
const KEEP_BATCH_BYTES = 16 * 1024 * 1024;

/**
 * Examines `entries` ({name, file}) in order, the files inside .zip archives among them,
 * reporting progress, and keeps the new ones in IndexedDB. Files are read a few ahead, not all
 * at once, and written in batches: thousands of files are never all in memory together. A file
 * too large to be a result is never read whole: a .zip is read where it lies, entry by entry;
 * anything else is named by its first bytes and hashed in pieces. A cancel stops the reading
 * between two files, or two pieces of one: what was read stays.
 */
async function examineAll(entries) {
  cancelled = false;
  let last = 0;
  let batch = [];
  let batchBytes = 0;
  let done = 0;
  let part = 0;
  let total = entries.length;
  const progress = (force) => {
    const now = performance.now();
    if (force || now - last > PROGRESS_EVERY) {
      last = now;
      // The part of the file under way in thousandths: a large file's bar moves too.
      postMessage({ type: 'progress', done, total, part: Math.floor(part * 1000) });
    }
  };
  /** Examines and holds one file (a record as `add` takes it), keeping it in IndexedDB in batches. */
  const receive = async (record) => {
    if (add(record)) {
      const sha256 = engine.last_sha256();
      held.set(sha256, { name: record.name, bytes: database ? null : record.bytes ?? null });
      if (database) {
        const kept = { ...record, sha256 };
        if (kept.bytes) kept.bytes = kept.bytes.buffer.slice(kept.bytes.byteOffset, kept.bytes.byteOffset + kept.bytes.byteLength);
        if (kept.head) kept.head = kept.head.buffer.slice(kept.head.byteOffset, kept.head.byteOffset + kept.head.byteLength);
        batch.push(kept);
        batchBytes += (record.bytes?.byteLength ?? 0) + (record.head?.byteLength ?? 0);
      }
      if (batch.length >= KEEP_BATCH || batchBytes >= KEEP_BATCH_BYTES) {
        await keep(batch);
        batch = [];
        batchBytes = 0;
      }
    }
    done += 1;
    part = 0;
    progress(false);
    await yieldNow();
  };
  const small = (file) => file.size <= Engine.max_file_bytes();
  const reads = [];
  const readAt = (index) => {
    if (index < entries.length && !reads[index] && small(entries[index].file)) {
      reads[index] = entries[index].file.arrayBuffer().then((buffer) => new Uint8Array(buffer));
    }
  };
  /** An archive, from its bytes or where it lies: its own row if it has one, then each entry. */
  const receiveArchive = async (name, file, bytes) => {
    const archive = bytes ? new ArchiveReader(bytes) : ArchiveReader.from_blob(file);
    try {
      const problem = archive.problem();
      if (problem) {
        if (bytes) await receive({ name, bytes, problem });
        else {
          const sha256 = await hashInPieces(file, (fraction) => { part = fraction; progress(false); });
          if (sha256 === null) return;
          await receive({ name, problem, size: file.size, sha256 });
        }
        total += 1;
      }
      let listed = archive.listed();
      total += listed - 1;
      for (let inner = archive.next(); inner !== undefined; inner = archive.next()) {
        if (cancelled) return;
        const now = archive.listed();
        total += now - listed;
        listed = now;
        await receive({ ...inner, name: `${name}/${inner.name}` });
      }
    } finally {
      archive.free();
    }
  };
  postMessage({ type: 'progress', done: 0, total: entries.length, part: 0 });
  for (let index = 0; index < entries.length && !cancelled; index += 1) {
    for (let ahead = index; ahead <= index + READ_AHEAD; ahead += 1) readAt(ahead);
    const entry = entries[index];
    const { name, file } = entry;
    try {
      if (small(file)) {
        const bytes = await reads[index];
        if (Engine.is_zip(bytes)) await receiveArchive(name, file, bytes);
        else await receive({ name, bytes });
        continue;
      }
      // Larger than a result can be: read where it lies.
      const head = new Uint8Array(await file.slice(0, HEAD).arrayBuffer());
      if (Engine.is_zip(head)) {
        await receiveArchive(name, file, null);
        continue;
      }
      const sha256 = await hashInPieces(file, (fraction) => { part = fraction; progress(false); });
      if (sha256 !== null) await receive({ name, head, size: file.size, sha256 });
    } catch (error) {
      report('read', { name }, error);
      done += 1;
    } finally {
      reads[index] = null;
      entries[index] = null;
    }
  }
  if (cancelled) postMessage({ type: 'cancelled', done, total });
  progress(true);
  await keep(batch);
}

function fileName(file) {
  return file.webkitRelativePath || file.name;
}

const handlers = {
  async init(message) {
    engine = new Engine(message.now);
    lang = message.lang;
    for (const kind of ['register', 'expected', 'reviews']) {
      try {
        apply(kind, message[kind]);
      } catch (error) {
        report('message', { message: String(error) });
      }
    }
    settings(message);
    engine.set_notices(message.notices || []);
    database = await openDatabase();
    await restoreStored();
    sendAnalysis();
  },
  async files(message) {
    await examineAll(Array.from(message.files, (file) => ({ name: fileName(file), file })));
    sendAnalysis();
  },
  async results(message) {
    for (const sha256 of message.files) {
      const bytes = await storedBytes(sha256);
      if (bytes) postMessage({ type: 'result', sha256, name: held.get(sha256).name, bytes });
    }
  },
  async clear() {
    engine.clear();
    held.clear();
    await forgetAll();
    sendAnalysis();
  },
  register(message) { apply('register', message); sendAnalysis(); },
  expected(message) { apply('expected', message); sendAnalysis(); },
  // The page shows the review states it holds; the worker needs them for the exports, and for
  // the notices followed (a criterion accepted as rectified).
  reviews(message) {
    apply('reviews', message);
    if (engine.has_notices()) sendAnalysis();
  },
  settings(message) { settings(message); sendAnalysis(); },
  lang(message) { lang = message.lang; sendAnalysis(); },
  sign(message) {
    engine.set_now(message.now);
    try {
      const text = engine.sign_summary(message.kind, message.year, message.months, message.key, message.passphrase,
        crypto.getRandomValues(new Uint8Array(16)), message.lang);
      const bytes = new TextEncoder().encode(text);
      // The day in Beijing, as the summary's own dates are.
      const day = new Date((message.now + 8 * 3600) * 1000).toISOString().slice(0, 10);
      const what = message.kind === 'year' ? `year-${message.year}` : message.kind;
      postMessage({ type: 'download', name: `selfcheck-signed-${what}-${day}.json`, mime: 'application/json', bytes }, [bytes.buffer]);
      postMessage({ type: 'signed', ok: true });
    } catch (error) {
      postMessage({ type: 'signed', ok: false, message: String(error) });
    }
    sendAnalysis();
  },
  notices(message) { engine.set_notices(message.texts); sendAnalysis(); },
  year(message) {
    if (message.xlsx) {
      const bytes = engine.year_xlsx(message.year, message.months, message.lang);
      postMessage({ type: 'download', name: `selfcheck-year-${message.year}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes }, [bytes.buffer]);
    } else {
      postMessage({ type: 'year', json: engine.year_json(message.year, message.months, message.lang) });
    }
  },
  issue(message) {
    engine.set_now(message.now);
    try {
      const text = engine.issue_notice(message.creditCode, message.name, message.basedOn, message.criteria, message.remarks,
        message.remark, message.deadline, message.key, message.passphrase, crypto.getRandomValues(new Uint8Array(16)), message.lang);
      const bytes = new TextEncoder().encode(text);
      // The day in Beijing, as the notice's own dates are.
      const day = new Date((message.now + 8 * 3600) * 1000).toISOString().slice(0, 10).replaceAll('-', '');
      postMessage({ type: 'download', name: `整改通知-${message.creditCode}-${day}.json`, mime: 'application/json', bytes }, [bytes.buffer]);
      postMessage({ type: 'issued', ok: true, text });
    } catch (error) {
      postMessage({ type: 'issued', ok: false, message: String(error) });
    }
    sendAnalysis();
  },
  async check(message) {
    engine.check_begin();
    for (const [sha256, entry] of held) {
      const bytes = await storedBytes(sha256);
      if (bytes) engine.check_file(entry.name, bytes);
    }
    postMessage({ type: 'checked', ...JSON.parse(engine.check_summary(message.text, message.lang)) });
  },
  export(message) {
    const day = new Date().toISOString().slice(0, 10);
    if (message.kind === 'analysis') {
      const bytes = new TextEncoder().encode(engine.analysis_json(message.lang));
      postMessage({ type: 'download', name: `selfcheck-analysis-${day}.json`, mime: 'application/json', bytes }, [bytes.buffer]);
    } else if (message.kind === 'xlsx') {
      const bytes = engine.xlsx(message.lang);
      postMessage({ type: 'download', name: `selfcheck-summary-${day}.xlsx`, mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes }, [bytes.buffer]);
    } else {
      const bytes = new TextEncoder().encode(engine.csv(message.kind, message.lang));
      postMessage({ type: 'download', name: `selfcheck-${message.kind}-${day}.csv`, mime: 'text/csv;charset=utf-8', bytes }, [bytes.buffer]);
    }
  },
};

/**
 * Uses a register, expected list or review file: `{name, bytes}` as received (the bytes the
 * exports and the signed summary name by their SHA-256), or `{text}` typed in the page.
 */
function apply(kind, input) {
  const name = input?.name || { register: 'register.txt', expected: 'expected.csv', reviews: 'reviews.json' }[kind];
  const bytes = input?.bytes ?? new TextEncoder().encode(input?.text || '');
  if (kind === 'register') engine.set_register(name, bytes, lang);
  else if (kind === 'expected') engine.set_expected(name, bytes, lang);
  else engine.set_reviews(new TextDecoder().decode(bytes), lang);
}

/** The review's settings, as the page checked them. */
function settings(message) {
  engine.set_settings(message.deadline || 0, message.months || '', message.rankingMonth || '', message.longest || 31,
    Boolean(message.requireSm2));
}

// One message at a time, in order: a file list sent during a reload waits for the restore. A
// cancel is heeded at once, by the reading under way.
let queue = Promise.resolve();
self.onmessage = (event) => {
  if (event.data.type === 'cancel') {
    cancelled = true;
    return;
  }
  queue = queue.then(async () => {
    await ready;
    const handler = handlers[event.data.type];
    if (!handler) return;
    try {
      await handler(event.data);
    } catch (error) {
      report('internal', {}, error);
    }
  });
};
