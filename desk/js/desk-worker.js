// The desk's Web Worker: verifies received files with the core (the desk's wasm module, the same
// the page loads) off the main thread, keeps them in IndexedDB so that a reload restores them,
// and answers with progress and the core's analysis (`selfcheck-analysis/2` JSON).
import init, { ArchiveReader, Engine } from './selfcheck_desk.js';

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
        if (add(record.name, new Uint8Array(record.bytes), record.problem)) held.set(engine.last_sha256(), { name: record.name, bytes: null });
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
    request.onsuccess = () => resolve(request.result ? new Uint8Array(request.result.bytes) : null);
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
 * Examines one received file: `problem` is the code of why it could not be opened or unpacked
 * (then `bytes` are what was received for it), if so. `false` when the same file is held already.
 */
function add(name, bytes, problem) {
  return problem ? engine.add_unopened(name, bytes, problem) : engine.add(name, bytes);
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
 * at once, and written in batches: thousands of files are never all in memory together.
 */
async function examineAll(entries) {
  let last = 0;
  let batch = [];
  let batchBytes = 0;
  let done = 0;
  let total = entries.length;
  const progress = (force) => {
    const now = performance.now();
    if (force || now - last > PROGRESS_EVERY) {
      last = now;
      postMessage({ type: 'progress', done, total });
    }
  };
  /** Examines and holds one file, keeping it in IndexedDB in batches. */
  const receive = async (name, bytes, problem) => {
    if (add(name, bytes, problem)) {
      const sha256 = engine.last_sha256();
      held.set(sha256, { name, bytes: database ? null : bytes });
      if (database) {
        batch.push({ name, sha256, bytes: bytes.buffer, ...(problem ? { problem } : {}) });
        batchBytes += bytes.byteLength;
      }
      if (batch.length >= KEEP_BATCH || batchBytes >= KEEP_BATCH_BYTES) {
        await keep(batch);
        batch = [];
        batchBytes = 0;
      }
    }
    done += 1;
    progress(false);
  };
  const reads = [];
  const readAt = (index) => {
    if (index < entries.length && !reads[index]) {
      reads[index] = entries[index].file.arrayBuffer().then((buffer) => new Uint8Array(buffer));
    }
  };
  postMessage({ type: 'progress', done: 0, total: entries.length });
  for (let index = 0; index < entries.length; index += 1) {
    for (let ahead = index; ahead <= index + READ_AHEAD; ahead += 1) readAt(ahead);
    const entry = entries[index];
    let bytes;
    try {
      bytes = await reads[index];
    } catch (error) {
      report('read', { name: entry.name }, error);
      done += 1;
      continue;
    } finally {
      reads[index] = null;
      entries[index] = null;
    }
    if (!Engine.is_zip(bytes)) {
      await receive(entry.name, bytes);
      continue;
    }
    // A .zip of e-mail attachments: each file in it, named inside the archive's name, unpacked
    // one at a time. One that cannot be opened is a row of its own, and the batch goes on.
    const archive = new ArchiveReader(bytes);
    const problem = archive.problem();
    if (problem) {
      archive.free();
      await receive(entry.name, bytes, problem);
      continue;
    }
    const count = archive.len();
    total += count - 1;
    for (let at = 0; at < count; at += 1) {
      const inner = archive.entry(at);
      if (inner) await receive(`${entry.name}/${inner.name}`, inner.bytes, inner.problem);
      else {
        // A folder: nothing to examine.
        total -= 1;
      }
    }
    archive.free();
  }
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
  // The page shows the review states it holds; the worker needs them for the exports only.
  reviews(message) { apply('reviews', message); },
  settings(message) { settings(message); sendAnalysis(); },
  lang(message) { lang = message.lang; sendAnalysis(); },
  sign(message) {
    engine.set_now(message.now);
    try {
      const text = engine.sign_summary(message.kind, message.key, message.passphrase, crypto.getRandomValues(new Uint8Array(16)), message.lang);
      const bytes = new TextEncoder().encode(text);
      const day = new Date(message.now * 1000).toISOString().slice(0, 10);
      postMessage({ type: 'download', name: `selfcheck-signed-${message.kind}-${day}.json`, mime: 'application/json', bytes }, [bytes.buffer]);
      postMessage({ type: 'signed', ok: true });
    } catch (error) {
      postMessage({ type: 'signed', ok: false, message: String(error) });
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
  engine.set_settings(message.deadline || 0, message.months || '', message.rankingMonth || '', message.longest || 31);
}

// One message at a time, in order: a file list sent during a reload waits for the restore.
let queue = Promise.resolve();
self.onmessage = (event) => {
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
