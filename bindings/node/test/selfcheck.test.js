'use strict';
// The Node binding: the golden cases byte for byte, objects in and out, structured errors, and
// no crash of the process on any input.

const test = require('node:test');
const assert = require('node:assert/strict');
const { readFileSync, writeFileSync, mkdtempSync } = require('node:fs');
const { join } = require('node:path');
const { tmpdir } = require('node:os');
const { execFileSync } = require('node:child_process');
const selfcheck = require('..');

const data = join(__dirname, '..', '..', '..', 'tests', 'data');
const read = (path) => readFileSync(join(data, path), 'utf8');
const cases = JSON.parse(read('bindings/cases.json'));
const NOW = '2026-12-01T00:00:00Z';
const PASSPHRASE = 'selfcheck fuzzing passphrase';

for (const { name, function: fn, ok } of cases) {
  test(`golden case ${name} gives the same bytes as the core`, () => {
    const args = read(`bindings/${name}.args.json`);
    const expected = read(`bindings/${name}.out.json`);
    if (ok) {
      assert.equal(selfcheck.call(fn, args), expected);
    } else {
      assert.throws(() => selfcheck.call(fn, args), (error) => {
        assert.ok(error instanceof selfcheck.SelfcheckError);
        assert.equal(error.code, JSON.parse(expected).code);
        return true;
      });
    }
  });
}

test('documents go in as objects or text and come back as objects', () => {
  const text = read('golden/answers-complete.json');
  const report = selfcheck.score(text);
  assert.deepEqual(selfcheck.score(JSON.parse(text)), report);
  assert.deepEqual([report.total, report.maximum, report.score], [703, 942, 746]);
});

test('a result signed in Node verifies here and in the CLI', () => {
  const result = selfcheck.sign(read('golden/answers-complete.json'), read('keys/openssl-pbkdf2-1000.pem'), PASSPHRASE);
  const verdict = selfcheck.verify(result);
  assert.equal(verdict.valid, true, JSON.stringify(verdict.error));
  assert.equal(verdict.result.profile.name, '广东省示例行业协会');
  if (process.env.SELFCHECK_BIN) {
    const file = join(mkdtempSync(join(tmpdir(), 'selfcheck-node-')), 'result.json');
    writeFileSync(file, JSON.stringify(result));
    execFileSync(process.env.SELFCHECK_BIN, ['verify', file]);
  }
});

test('a register says whose key signed', () => {
  const result = read('golden/result-complete.json');
  const { fingerprint } = selfcheck.verify(result, { now: NOW }).result;
  const registered = selfcheck.verify(result, { register: `514400005000031282 ${fingerprint}\n`, now: NOW });
  assert.equal(registered.key_status.code, 'registered');
  const other = selfcheck.verify(result, { register: '514400005000031282 00112233445566778899AABBCCDDEEFF\n', now: NOW });
  assert.equal(other.valid, false);
  assert.equal(other.error.code, 'different-key');
});

test('refusals are structured errors in both languages', () => {
  assert.throws(() => selfcheck.score({ format: 'selfcheck-answers/1' }), (error) => {
    assert.equal(error.code, 'malformed');
    assert.equal(error.problems[0].at, 'catalogue');
    assert.match(error.messageIn('zh'), /缺少此字段/);
    return true;
  });
  assert.throws(
    () => selfcheck.sign(read('golden/answers-complete.json'), read('keys/openssl-pbkdf2-1000.pem'), 'wrong passphrase'),
    (error) => error.code === 'wrong-passphrase',
  );
});

test('no input crashes the process', () => {
  const inputs = ['', '\u0000', '{', '['.repeat(10000), '{"a":'.repeat(5000), 'x'.repeat(5 << 20), JSON.stringify({ result: 1, now: NOW })];
  for (const text of inputs) {
    for (const fn of ['verify', 'score', 'sign', 'template', 'catalogue']) {
      try {
        selfcheck.call(fn, text);
      } catch (error) {
        assert.ok(error instanceof selfcheck.SelfcheckError, `${fn}: ${error}`);
        assert.ok(error.messages.zh && error.messages.en);
      }
    }
    const verdict = selfcheck.verify(text, { now: NOW });
    assert.equal(verdict.valid, false);
  }
});

test('a folder is summarised against a register and an expected list', () => {
  const folder = mkdtempSync(join(tmpdir(), 'selfcheck-summary-'));
  const result = read('golden/result-complete.json');
  writeFileSync(join(folder, '514400005000031282-2026-10.json'), result);
  writeFileSync(join(folder, 'tampered.json'), result.replace('广东省示例行业协会', '广东省冒名行业协会'));
  const register = '514400005000031282 65B6 0673 D6ED 884B F01C 2C22 2D82 ADA0\n';
  const expected = '广东省示例行业协会,514400005000031282\n广东省未报送行业协会,51440000500000007H\n';
  const analysis = selfcheck.summaryOfFolder(folder, { register, expected, now: NOW });
  assert.equal(analysis.counts.files, 2);
  assert.equal(analysis.counts.accepted, 1);
  assert.equal(analysis.counts.rejected.signature, 1);
  const cells = Object.fromEntries(analysis.matrix.rows.map((row) => [row.credit_code, row.cells]));
  assert.deepEqual(cells, { '514400005000031282': ['received'], '51440000500000007H': ['missing'] });
  assert.deepEqual(analysis.ranking.map((row) => row.score), [746]);
  assert.throws(
    () => selfcheck.summary([], { deadline: 40, now: NOW }),
    (error) => error.code === 'bad-arguments' && error.problems[0].at === 'arguments.deadline',
  );
});

// The CLI's hostile files (tests/tests/hostile_files.rs keeps them), and the entries a folder can
// hold besides files: the binding gives the verdicts, digests and messages the CLI gives.
const fs = require('node:fs');
const net = require('node:net');
const hostile = join(data, 'hostile');
const CLOCK = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g;

/** The CLI's JSON, or (a file that is not a result, for `report`) what it says on stderr. */
function cli(...args) {
  try {
    return JSON.parse(execFileSync(process.env.SELFCHECK_BIN, args, { maxBuffer: 64 << 20, stdio: 'pipe' }).toString('utf8'));
  } catch (failed) {
    // Exit code 1 (an invalid result) still prints the JSON.
    if (failed.status === 1 && failed.stdout?.length) return JSON.parse(failed.stdout.toString('utf8'));
    if (failed.status === 1) return { stderr: failed.stderr.toString('utf8') };
    throw failed;
  }
}

/** What a user relies on in each row; the verifier's clock (in a not-yet-valid message) aside. */
const rows = (files) => files.map((row) => [row.name, row.sha256, row.size, row.verdict, row.reason, row.message.replace(CLOCK, '…')]);

/** The hostile files, and a subfolder, a name not UTF-8, a file over the limit, a pipe, a socket, links. */
async function receivedFolder() {
  const base = mkdtempSync(join(tmpdir(), 'selfcheck-hostile-'));
  const folder = join(base, 'received');
  fs.cpSync(hostile, folder, { recursive: true });
  fs.mkdirSync(join(folder, '2026-10'));
  fs.copyFileSync(join(data, 'golden', 'result-complete.json'), join(folder, '2026-10', 'result.json'));
  const latin1 = Buffer.concat([Buffer.from(folder + '/'), Buffer.from([0xff, 0xfe]), Buffer.from('-latin1-name.json')]);
  fs.writeFileSync(latin1, fs.readFileSync(join(data, 'golden', 'result-complete.json')));
  fs.writeFileSync(join(folder, 'video.json'), '');
  fs.truncateSync(join(folder, 'video.json'), 17 * 1024 * 1024);
  execFileSync('mkfifo', [join(folder, 'pipe.json')]);
  const server = net.createServer();
  await new Promise((resolve) => server.listen(join(folder, 'socket.json'), resolve));
  fs.symlinkSync('/nonexistent/result.json', join(folder, 'broken.json'));
  fs.symlinkSync(join(folder, 'result-golden.json'), join(folder, 'link-to-golden.json'));
  fs.writeFileSync(join(base, 'elsewhere.json'), '{}');
  fs.symlinkSync(join(base, 'elsewhere.json'), join(folder, 'outside.json'));
  return { folder, server };
}

for (const lang of ['zh', 'en']) {
  test(`${lang}: a received folder gives the CLI's verdicts, digests and messages`, { skip: !process.env.SELFCHECK_BIN }, async () => {
    const { folder, server } = await receivedFolder();
    let here;
    let listed;
    try {
      listed = cli('--lang', lang, 'summary', folder, '--format', 'json');
      here = selfcheck.summaryOfFolder(folder, { lang });
    } finally {
      server.close();
    }
    assert.deepEqual(rows(here.files), rows(listed.files));
    assert.deepEqual(here.not_read, listed.not_read);
    assert.deepEqual(here.counts, listed.counts);
    const reasons = Object.fromEntries(here.files.map((row) => [row.name.split('/').pop(), row.reason]));
    assert.equal(reasons['result-gbk.json'], 'not-utf8');
    assert.equal(reasons['result-utf16.json'], 'not-utf8');
    assert.equal(reasons['word-document-named.json'], 'wrong-document');
    assert.ok(Object.keys(reasons).some((name) => name.endsWith('-latin1-name.json')), 'a name that is not UTF-8 is read');
    const notRead = new Set(here.not_read.map((entry) => entry.name.split('/').pop()));
    assert.deepEqual(notRead, new Set(['video.json', 'pipe.json', 'socket.json', 'broken.json', 'link-to-golden.json', 'outside.json']));
  });
}

test('each hostile file, given as bytes, gets the verdict the CLI gives it', { skip: !process.env.SELFCHECK_BIN }, () => {
  for (const name of fs.readdirSync(hostile).sort()) {
    const path = join(hostile, name);
    const bytes = fs.readFileSync(path);
    const reported = cli('--lang', 'en', 'report', path, '--format', 'json');
    const verdict = selfcheck.verify(bytes);
    if (reported.stderr !== undefined) {
      // Not a result at all: `report` says so on standard error, in the core's words.
      assert.equal(verdict.class, 'not-a-result', name);
      assert.ok(reported.stderr.includes(`${path} is not a signed result: ${verdict.error.message.en}`), reported.stderr);
    } else if (reported.valid) {
      assert.equal(verdict.valid, true, name);
      assert.equal(verdict.result.digest, reported.digest, name);
    } else {
      assert.equal(verdict.valid, false, name);
      assert.equal(verdict.error.code, reported.error_code, name);
      assert.equal(verdict.error.message.en.replace(CLOCK, '…'), reported.error.replace(CLOCK, '…'), name);
    }
    const analysis = selfcheck.summary([{ name: path, content: new Uint8Array(bytes) }], { lang: 'en' });
    assert.deepEqual(rows(analysis.files), rows(cli('--lang', 'en', 'summary', path, '--format', 'json').files), name);
  }
});

test('no input throws anything but SelfcheckError', () => {
  const cyclic = {};
  cyclic.self = cyclic;
  for (const input of [Buffer.from([0xff, 0xfe, 0]), new ArrayBuffer(3), 10n, cyclic, Symbol('x')]) {
    try {
      selfcheck.score(input);
    } catch (error) {
      assert.ok(error instanceof selfcheck.SelfcheckError, String(error));
    }
    try {
      assert.equal(selfcheck.verify(input, { now: NOW }).valid, false);
    } catch (error) {
      assert.ok(error instanceof selfcheck.SelfcheckError, String(error));
    }
  }
  assert.throws(() => selfcheck.summaryOfFolder('/nonexistent/selfcheck'), (error) => error instanceof selfcheck.SelfcheckError && error.code === 'unreadable-folder');
  assert.throws(() => selfcheck.sign('{}', '', '', { random: new Uint8Array(3) }), (error) => error instanceof selfcheck.SelfcheckError && error.code === 'bad-arguments');
});
