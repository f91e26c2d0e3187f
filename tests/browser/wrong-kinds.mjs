// Files people pick by mistake, for the tests of files of the wrong kind (files.test.mjs, and the
// review desk's in desk.test.mjs): each with the name the core gives its kind in Chinese (`zh`), its
// content, and its path in a temporary folder (for the command line).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

import { answersDocument, cliExpect, plannedAnswers, tempDir, writeTemp } from './helpers.mjs';

/** A zip archive holding `entries` ({ name: text }), written by Python's zipfile as Office and WPS write theirs. */
function zipped(dir, name, entries) {
  const path = `${dir}/${name}`;
  const script = 'import json, sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n    for n, text in json.loads(sys.argv[2]).items():\n        z.writestr(n, text)\n';
  const made = spawnSync('python3', ['-c', script, path, JSON.stringify(entries)], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  return readFileSync(path);
}

/** The first bytes of a PNG image (its signature and header chunk), then filler. */
function png() {
  const header = Buffer.from('89504e470d0a1a0a0000000d49484452000000100000001008060000001ff3ff61', 'hex');
  return Buffer.concat([header, Buffer.alloc(64, 0x5a)]);
}

/** A PDF of `size` bytes: its header, a binary comment line as PDF writers put, then a stream. */
function pdf(size) {
  const head = Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.from([0xe2, 0xe3, 0xcf, 0xd3]), Buffer.from('\n1 0 obj\n<< /Length 0 >>\nstream\n')]);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x9c)]);
}

/**
 * What the core says of a file of the Chinese kind `zh` given as `what`: 这是密钥文件，不是签名的自查结果
 * (a space sets a Latin word apart from the Chinese before it: 这是 PDF 文件).
 */
export function thisIsNot(zh, what) {
  return `这是${/^[A-Za-z0-9]/.test(zh) ? ' ' : ''}${zh}，不是${what}`;
}

/**
 * The wrong kinds, by a short name: `{ file, content, mime, zh, path }`. `largePdf` is larger than
 * a key file may be (16 KiB), so that it is refused by what it is before its size.
 */
export function wrongKinds(t) {
  const dir = tempDir(t);
  const answers = answersDocument(plannedAnswers().slice(0, 3));
  const kinds = {
    key: { file: '协会密钥.pem', content: readFileSync(new URL('../data/keys/openssl-pbkdf2-1000.pem', import.meta.url)), mime: 'application/x-pem-file', zh: '密钥文件' },
    text: { file: '自查说明.txt', content: Buffer.from('本协会本月自查情况说明：各项工作均已按要求完成。\n联系人：陈晓明\n'), mime: 'text/plain', zh: '纯文本文件' },
    word: {
      file: '自查报告.docx',
      content: zipped(dir, 'report.docx', { '[Content_Types].xml': '<Types/>', '_rels/.rels': '<Relationships/>', 'word/document.xml': '<w:document/>' }),
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      zh: '文字处理文档',
    },
    excel: {
      file: '应报名单.xlsx',
      content: zipped(dir, 'list.xlsx', { '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/worksheets/sheet1.xml': '<worksheet/>' }),
      mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      zh: '电子表格',
    },
    zip: { file: '附件.zip', content: zipped(dir, 'attachments.zip', { '说明.txt': '附件' }), mime: 'application/zip', zh: '压缩包' },
    pdf: { file: '证明材料.pdf', content: pdf(2000), mime: 'application/pdf', zh: 'PDF 文件' },
    largePdf: { file: '扫描件.pdf', content: pdf(40 * 1024), mime: 'application/pdf', zh: 'PDF 文件' },
    image: { file: '照片.png', content: png(), mime: 'image/png', zh: '图片' },
    register: {
      file: 'registered-keys.txt',
      content: Buffer.from('# 密钥备案表\n514400005000031282 6161 1210 84A6 3F2B 9C01 D5A9 8173 E3B2\n'),
      mime: 'text/plain',
      zh: '密钥备案表',
    },
    expected: { file: '应报名单.csv', content: Buffer.from('\ufeff序号,单位名称,统一社会信用代码\r\n1,广东省示例行业协会,514400005000031282\r\n'), mime: 'text/csv', zh: '应报名单' },
    review: { file: 'reviews.json', content: Buffer.from('{"format": "selfcheck-review/1", "reviews": []}\n'), mime: 'application/json', zh: '审核记录文件' },
    report: { file: 'report.json', content: Buffer.from(cliExpect(0, ['score', writeTemp(dir, 'answers.json', answers), '--format', 'json']).stdout), mime: 'application/json', zh: '评分报告' },
    catalogue: { file: 'catalogue.json', content: Buffer.from(cliExpect(0, ['catalog', '--format', 'json']).stdout), mime: 'application/json', zh: '自查目录' },
    webPage: { file: '结果.html', content: Buffer.from('<!DOCTYPE html>\n<html lang="zh-CN"><head><title>自查结果</title></head><body>……</body></html>\n'), mime: 'text/html', zh: '网页文件' },
  };
  for (const [name, kind] of Object.entries(kinds)) kind.path = writeTemp(dir, `${name}-${kind.file}`, kind.content);
  return kinds;
}
