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
