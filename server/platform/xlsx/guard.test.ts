import { once } from 'node:events';
import { createDeflateRaw } from 'node:zlib';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { DEFAULT_XLSX_LIMITS, type GuardReason, guardXlsx } from './guard';
import { readWorkbook } from './read';
import { peakRssGrowthMB, readZip, rezip, writeZip } from './test-zip';

const MB = 1024 * 1024;

async function sampleXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('机构');
  ws.addRow(['名称', '编码']);
  ws.addRow(['成都市第一人民医院', '001']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('the file was accepted');
}

const reasonOf = (err: AppError) => (err.details as { reason: GuardReason }).reason;

/** The minimal parts the guard asks for, around whatever else a test needs. */
const minimalParts = [
  { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
  { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
];

/** ~300 MB of zeros deflated (~300 KB), made in 1 MB chunks so building it does not raise the peak RSS. */
let bomb: { deflated: Buffer; size: number } | undefined;
async function zeroBomb(): Promise<{ deflated: Buffer; size: number }> {
  if (bomb) return bomb;
  const chunk = Buffer.alloc(MB);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on('data', (b: Buffer) => out.push(b));
  const done = once(deflate, 'end');
  for (let i = 0; i < 300; i++) {
    if (!deflate.write(chunk)) await once(deflate, 'drain');
  }
  deflate.end();
  await done;
  bomb = { deflated: Buffer.concat(out), size: 300 * MB };
  return bomb;
}

/** Runs the guard, which must refuse, and reports the peak RSS growth during the call. */
async function withMemory(fn: () => void) {
  let error: AppError | undefined;
  const started = performance.now();
  const peakGrowthMB = await peakRssGrowthMB(() => {
    error = refusal(fn);
  });
  return { error: error!, peakGrowthMB, ms: performance.now() - started };
}

describe('guardXlsx (S24)', () => {
  let sample: Buffer;
  beforeAll(async () => {
    sample = await sampleXlsx();
    await zeroBomb();
  }, 60_000);

  it('measures memory well enough to see a 200 MB allocation', async () => {
    let kept: Buffer | undefined;
    const growth = await peakRssGrowthMB(() => {
      kept = Buffer.alloc(200 * MB, 1);
    });
    expect(kept?.length).toBe(200 * MB);
    kept = undefined;
    expect(growth).toBeGreaterThan(150);
  });

  it('accepts a workbook written by ExcelJS', () => {
    expect(() => guardXlsx(sample)).not.toThrow();
  });

  it('refuses an HTML page renamed to .xlsx with the generic message', () => {
    const err = refusal(() => guardXlsx(Buffer.from('<html><body><script>alert(1)</script></body></html>')));
    expect(err.statusCode).toBe(400);
    expect(err.code).toBe('BAD_FILE');
    expect(err.message).toBe('文件不是有效的 Excel（.xlsx）文件');
    expect(err.message).not.toContain('script');
  });

  it('tells the user to save an old .xls (OLE2) as .xlsx', () => {
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504)]);
    const err = refusal(() => guardXlsx(ole));
    expect(err.code).toBe('BAD_FILE');
    expect(err.message).toContain('请另存为 .xlsx 格式后再上传');
  });

  it('refuses a file over the size cap before looking inside', () => {
    const err = refusal(() => guardXlsx(sample, { ...DEFAULT_XLSX_LIMITS, maxFileBytes: sample.length - 1 }));
    expect(reasonOf(err)).toBe('too_large');
    expect(err.message).toContain('文件过大');
  });

  it('refuses a zip that is cut short', () => {
    const err = refusal(() => guardXlsx(sample.subarray(0, sample.length - 30)));
    expect(err.code).toBe('BAD_FILE');
    expect(reasonOf(err)).toBe('corrupt');
  });

  it('refuses a directory that JSZip would read differently (a gap before the end record)', () => {
    const zip = writeZip(minimalParts);
    expect(() => guardXlsx(zip)).not.toThrow();
    const gapped = Buffer.concat([
      zip.subarray(0, zip.length - 22),
      Buffer.alloc(46),
      zip.subarray(zip.length - 22),
    ]);
    expect(reasonOf(refusal(() => guardXlsx(gapped)))).toBe('corrupt');
  });

  it('refuses a local name other than the directory name, and bytes after the end record', () => {
    const zip = writeZip([...minimalParts, { name: 'xl/media/a.png', data: Buffer.from('png') }]);
    expect(() => guardXlsx(zip)).not.toThrow();
    const renamed = Buffer.from(zip);
    const local = renamed.indexOf('xl/media/a.png');
    renamed.write('xl/media/b.png', local);
    expect(reasonOf(refusal(() => guardXlsx(renamed)))).toBe('corrupt');
    expect(reasonOf(refusal(() => guardXlsx(Buffer.concat([zip, Buffer.from('PK\x05\x06')]))))).toBe(
      'corrupt',
    );
  });

  it('counts the elements of a part ExcelJS would parse as XML whatever its name ends with', () => {
    const rows = Array.from(
      { length: 500 },
      (_, i) => `<row r="${i + 1}"><c><v>${Math.random()}</v></c></row>`,
    );
    const zip = writeZip([
      ...minimalParts,
      { name: 'xl/worksheets/sheet1.xml.png', data: Buffer.from(`<sheetData>${rows.join('')}</sheetData>`) },
    ]);
    expect(reasonOf(refusal(() => guardXlsx(zip, { ...DEFAULT_XLSX_LIMITS, maxXmlElements: 1000 })))).toBe(
      'too_many_elements',
    );
  });

  it('refuses a zip without the workbook part', () => {
    const zip = writeZip([{ name: '[Content_Types].xml', data: Buffer.from('<Types/>') }]);
    expect(reasonOf(refusal(() => guardXlsx(zip)))).toBe('missing_part');
  });

  it('refuses more entries than the cap', () => {
    const many = Array.from({ length: 20 }, (_, i) => ({
      name: `xl/media/p${i}.png`,
      data: Buffer.from('x'),
    }));
    const zip = writeZip([...minimalParts, ...many]);
    expect(reasonOf(refusal(() => guardXlsx(zip, { ...DEFAULT_XLSX_LIMITS, maxEntries: 10 })))).toBe(
      'too_many_entries',
    );
    expect(() => guardXlsx(zip)).not.toThrow();
  });

  it('refuses encrypted entries and compression methods other than stored and deflate', () => {
    const encrypted = writeZip([
      ...minimalParts,
      { name: 'xl/styles.xml', data: Buffer.from('<a/>'), flags: 1 },
    ]);
    expect(reasonOf(refusal(() => guardXlsx(encrypted)))).toBe('encrypted');
    const bzip2 = writeZip([
      ...minimalParts,
      { name: 'xl/styles.xml', data: Buffer.from('<a/>'), method: 12 },
    ]);
    expect(reasonOf(refusal(() => guardXlsx(bzip2)))).toBe('unsupported_compression');
  });

  it('refuses an honest zip bomb (300 MB of zeros) from its headers, with bounded memory', async () => {
    const { deflated, size } = await zeroBomb();
    const zip = writeZip([
      ...minimalParts,
      { name: 'xl/worksheets/sheet1.xml', deflated, uncompressedSize: size },
    ]);
    expect(zip.length).toBeLessThan(MB);

    const { error, peakGrowthMB } = await withMemory(() => guardXlsx(zip));
    expect(error.code).toBe('BAD_FILE');
    expect(reasonOf(error)).toBe('ratio');
    expect(peakGrowthMB).toBeLessThan(100);

    // with the ratio cap lifted, the total cap still stops it before inflating
    const noRatio = { ...DEFAULT_XLSX_LIMITS, maxEntryRatio: 1e9 };
    const second = await withMemory(() => guardXlsx(zip, noRatio));
    expect(reasonOf(second.error)).toBe('too_big_uncompressed');
    expect(second.peakGrowthMB).toBeLessThan(100);
  });

  it('refuses a lying bomb (small declared size, 300 MB real output) while inflating, with bounded memory', async () => {
    const { deflated } = await zeroBomb();
    const zip = writeZip([
      ...minimalParts,
      { name: 'xl/worksheets/sheet1.xml', deflated, uncompressedSize: 4096 },
    ]);
    const { error, peakGrowthMB, ms } = await withMemory(() => guardXlsx(zip));
    expect(error.code).toBe('BAD_FILE');
    expect(reasonOf(error)).toBe('size_mismatch');
    expect(peakGrowthMB).toBeLessThan(100);
    expect(ms).toBeLessThan(2000); // stopped at the cap, not after inflating 300 MB

    // and a header that claims more than the data holds
    const short = writeZip([
      ...minimalParts,
      { name: 'xl/styles.xml', data: Buffer.from('<styleSheet/>'), uncompressedSize: 100 },
    ]);
    expect(reasonOf(refusal(() => guardXlsx(short)))).toBe('size_mismatch');
  });

  it('refuses more XML elements than the cap (millions of tiny cells within the byte caps)', () => {
    // varied values, so the part compresses like a real sheet and passes the ratio check
    const rows = Array.from(
      { length: 1000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${Math.random()}</v></c></row>`,
    );
    const cells = `<sheetData>${rows.join('')}</sheetData>`;
    const zip = writeZip([...minimalParts, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(cells) }]);
    expect(() => guardXlsx(zip)).not.toThrow();
    expect(reasonOf(refusal(() => guardXlsx(zip, { ...DEFAULT_XLSX_LIMITS, maxXmlElements: 2000 })))).toBe(
      'too_many_elements',
    );
  });

  it('refuses a defined name over the whole sheet (ExcelJS would expand it cell by cell)', async () => {
    const entries = await readZip(sample);
    const workbookXml = entries.get('xl/workbook.xml')!.toString('utf8');
    const huge = workbookXml.replace(
      '</sheets>',
      '</sheets><definedNames><definedName name="x">机构!$A$1:$XFD$1048576</definedName></definedNames>',
    );
    expect(huge).not.toBe(workbookXml);
    const err = refusal(() => guardXlsx(writeZipFrom(entries, { 'xl/workbook.xml': huge })));
    expect(reasonOf(err)).toBe('range_too_large');

    // a print area of the same size is fine: ExcelJS keeps it as page setup
    const printArea = workbookXml.replace(
      '</sheets>',
      '</sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">机构!$A$1:$XFD$1048576</definedName></definedNames>',
    );
    expect(() => guardXlsx(writeZipFrom(entries, { 'xl/workbook.xml': printArea }))).not.toThrow();
  });
});

function writeZipFrom(entries: Map<string, Buffer>, replace: Record<string, string>): Buffer {
  const copy = new Map(entries);
  for (const [name, text] of Object.entries(replace)) copy.set(name, Buffer.from(text));
  return writeZip([...copy].map(([name, data]) => ({ name, data })));
}

describe('XXE (S24)', () => {
  const XXE_DOCTYPE = '<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>';
  let sample: Buffer;
  let parts: Map<string, Buffer>;
  beforeAll(async () => {
    sample = await sampleXlsx();
    parts = await readZip(sample);
  });

  const inject = (xml: string, doctype: string) => xml.replace(/^(<\?xml[^>]*\?>)/, `$1${doctype}`);

  it.each([
    [
      'xl/sharedStrings.xml',
      (xml: string) => inject(xml, XXE_DOCTYPE).replace('成都市第一人民医院', '&xxe;'),
    ],
    ['xl/worksheets/sheet1.xml', (xml: string) => inject(xml, XXE_DOCTYPE.replace('sst', 'worksheet'))],
    // an internal entity bomb ("billion laughs") is refused the same way
    [
      'xl/styles.xml',
      (xml: string) => inject(xml, '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'),
    ],
  ])('refuses a DOCTYPE in %s without echoing the file', async (part, tamper) => {
    const original = parts.get(part)!.toString('utf8');
    const tampered = tamper(original);
    expect(tampered).toContain('<!DOCTYPE');
    const zip = await rezip(sample, { [part]: tampered });

    const err = refusal(() => guardXlsx(zip));
    expect(err.code).toBe('BAD_FILE');
    expect(reasonOf(err)).toBe('doctype');
    expect(err.message).not.toMatch(/root:|passwd|file:|xxe/);
    await expect(readWorkbook(zip, [{ sheet: '机构', headers: ['名称'] }])).rejects.toMatchObject({
      code: 'BAD_FILE',
      details: { reason: 'doctype' },
    });
  });

  it.each(['<!doctype x SYSTEM "http://x/">', '<! \n Entity x "y">'])(
    'refuses %j in any part, whatever its case or name',
    (declaration) => {
      const zip = writeZip([
        ...minimalParts,
        { name: 'xl/media/image1.png', data: Buffer.from(`\x89PNG${declaration}`) },
      ]);
      expect(reasonOf(refusal(() => guardXlsx(zip)))).toBe('doctype');
    },
  );

  it('accepts comments and CDATA, which also start with <!', () => {
    const zip = writeZip([
      ...minimalParts,
      { name: 'xl/styles.xml', data: Buffer.from('<!-- note --><a><![CDATA[x]]></a>') },
    ]);
    expect(() => guardXlsx(zip)).not.toThrow();
  });

  it('refuses UTF-16 XML, which a byte scan for DOCTYPE could miss', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from(`<?xml version="1.0" encoding="UTF-16"?>${XXE_DOCTYPE.replace('sst', 'x')}<x/>`, 'utf16le'),
    ]);
    const zip = await rezip(sample, { 'xl/styles.xml': utf16 });
    expect(reasonOf(refusal(() => guardXlsx(zip)))).toBe('not_utf8');
  });
});
