import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Role } from '../../../shared/enums';
import { hasPermission } from '../../../shared/permissions';
import { files } from '../../db/schema';
import { judgeUpload, MAX_UPLOAD_BYTES } from '../../platform/files';
import { type TestApp, testApp } from '../../test/app';

/** S23: uploads are allowed by extension AND first bytes, capped in size, stored with their sha256. */

let t: TestApp;
let wang: string;

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46]);
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>');

beforeAll(async () => {
  t = await testApp();
  wang = await t.loginAs('support_staff');
});

const upload = (
  fileName: string,
  content: Buffer,
  cookie: string | undefined = wang,
  type = 'application/octet-stream',
) =>
  t.request({
    method: 'POST',
    url: `/api/files?fileName=${encodeURIComponent(fileName)}`,
    cookie,
    headers: { 'content-type': type },
    payload: content,
  });

describe('POST /api/files', () => {
  it.each([
    ['诊断证明.pdf', PDF, 'application/pdf', 'application/pdf'],
    ['photo.PNG', PNG, 'image/png', 'image/png'],
    ['IMG_0001.jpg', JPEG, 'image/jpeg', 'image/jpeg'],
    ['IMG_0002.jpeg', JPEG, 'application/octet-stream', 'image/jpeg'],
  ])('stores %s as %s (sent as %s) with its sha256', async (fileName, content, type, mime) => {
    const res = await upload(fileName, content, wang, type);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toEqual({ id: body.id, fileName, size: content.length, mime });
    const [row] = await t.database.db.select().from(files).where(eq(files.id, body.id));
    expect(row!.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(Buffer.from(row!.content).equals(content)).toBe(true);
  });

  it('refuses an HTML page renamed .pdf, in Chinese, and stores nothing', async () => {
    const before = (await t.database.db.select({ id: files.id }).from(files)).length;
    const res = await upload('检查报告.pdf', HTML, wang, 'application/pdf');
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'FILE_REFUSED',
      message: '附件内容与文件类型不符：“检查报告.pdf”不是有效的 PDF 文件',
    });
    expect((await t.database.db.select({ id: files.id }).from(files)).length).toBe(before);
  });

  it.each([
    ['page.html', HTML],
    ['script.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['no-extension', PDF],
    ['tool.exe', Buffer.from('MZ\x90\x00')],
  ])('refuses %s by its extension', async (fileName, content) => {
    const res = await upload(fileName, content);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toBe('只能上传 PDF、PNG、JPG 格式的附件');
  });

  it('refuses a PDF named .png, and an empty file', async () => {
    expect((await upload('a.png', PDF)).json().error.message).toContain('不是有效的 PNG 文件');
    const empty = await upload('a.pdf', Buffer.alloc(0));
    expect(empty.statusCode).toBe(400);
  });

  it('takes exactly the size cap and refuses one byte more', async () => {
    // storing 10 MB in PGlite is slow: the cap itself is judged by the same function the route uses
    const atCap = Buffer.alloc(MAX_UPLOAD_BYTES, 0x20);
    PNG.copy(atCap);
    expect(judgeUpload('big.png', atCap)).toEqual({ ok: true, mime: 'image/png' });
    expect(judgeUpload('big.png', Buffer.concat([atCap, Buffer.from([0x20])])).ok).toBe(false);
    const over = Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x20);
    PNG.copy(over);
    const res = await upload('bigger.png', over);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('FILE_TOO_LARGE');
    expect(res.json().error.message).toContain('10 MB');
  });

  it('keeps the name only, without a path', async () => {
    const res = await upload('../../etc/证明.pdf', PDF);
    expect(res.json().fileName).toBe('证明.pdf');
  });

  it('wants the file itself as the body', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/api/files?fileName=a.pdf',
      cookie: wang,
      payload: { content: PDF.toString('base64') },
    });
    expect(res.statusCode).toBe(415);
  });

  it('is for roles that attach files to their requests; others 403, no session 401', async () => {
    const anonymous = await t.request({
      method: 'POST',
      url: '/api/files?fileName=a.pdf',
      headers: { 'content-type': 'application/pdf' },
      payload: PDF,
    });
    expect(anonymous.statusCode).toBe(401);
    for (const role of Role.values.filter((r) => !hasPermission(r, 'attendance.request'))) {
      const res = await upload('a.pdf', PDF, await t.loginAs(role));
      expect(res.statusCode, role).toBe(403);
    }
  });

  it('offers no download by file id: files are read through the request that holds them', async () => {
    const { id } = (await upload('a.pdf', PDF)).json();
    expect((await t.request({ method: 'GET', url: `/api/files/${id}`, cookie: wang })).statusCode).toBe(404);
  });
});

describe('judgeUpload', () => {
  it.each([
    ['a.pdf', PDF, true],
    ['a.pdf', Buffer.from('%PDF'), false],
    ['a.jpg', PNG, false],
    ['a.png', PNG.subarray(0, 7), false],
    ['a.pdf.html', PDF, false],
  ])('%s → %s', (fileName, content, ok) => {
    expect(judgeUpload(fileName, content).ok).toBe(ok);
  });
});
