import { inflateRawSync } from 'node:zlib';
import { AppError } from '../errors';
import { columnNumber } from './cells';

/**
 * S24 — an uploaded .xlsx is checked here before ExcelJS (and its JSZip) see a single byte: size, zip
 * structure, entry count, declared sizes and ratios, then every entry is really inflated with a hard
 * output cap (headers can lie) and every XML part is scanned for DOCTYPE/ENTITY (XXE, entity bombs).
 * S20 — everything happens in memory: no temporary file is ever written, so none can be left behind.
 */
export interface XlsxLimits {
  maxFileBytes: number;
  maxUncompressedBytes: number;
  maxEntries: number;
  maxEntryRatio: number;
  /**
   * Cap on XML start tags over all parts. ExcelJS builds an object per element (cell, row, shared
   * string, style), so this bounds its memory where byte caps alone allow millions of tiny cells.
   */
  maxXmlElements?: number;
  /**
   * Cap on the cells all defined names cover together: ExcelJS expands each name's range cell by cell
   * (Excel's own `_xlnm._FilterDatabase` covers the filtered table, so this must allow a big sheet).
   */
  maxDefinedNameCells?: number;
}

export const DEFAULT_XLSX_LIMITS: XlsxLimits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxEntries: 500,
  maxEntryRatio: 200,
  maxXmlElements: 2_000_000, // ≈ 650,000 cells; ExcelJS holds 1 M cells in about 500 MB
  maxDefinedNameCells: 1_000_000,
};

/** Why a file was refused; sent as `details.reason` (no file content is ever echoed). */
export type GuardReason =
  | 'too_large'
  | 'xls'
  | 'not_zip'
  | 'corrupt'
  | 'too_many_entries'
  | 'too_big_uncompressed'
  | 'ratio'
  | 'size_mismatch'
  | 'encrypted'
  | 'unsupported_compression'
  | 'missing_part'
  | 'doctype'
  | 'not_utf8'
  | 'too_many_elements'
  | 'range_too_large';

const NOT_XLSX = '文件不是有效的 Excel（.xlsx）文件';
const SUSPICIOUS = '文件压缩结构异常（可能是恶意构造的文件），已拒绝处理';

const MESSAGES: Record<GuardReason, string> = {
  too_large: '', // built with the limit below
  xls: '文件是旧版 Excel（.xls）格式或设置了打开密码，请另存为 .xlsx 格式后再上传',
  not_zip: NOT_XLSX,
  corrupt: `${NOT_XLSX}，或文件已损坏`,
  too_many_entries: `${NOT_XLSX}（文件内部部件过多）`,
  too_big_uncompressed: '', // built with the limit below
  ratio: SUSPICIOUS,
  size_mismatch: SUSPICIOUS,
  encrypted: '文件已加密，请取消密码并另存为 .xlsx 格式后再上传',
  unsupported_compression: `${NOT_XLSX}（不支持的压缩方式），请用 Excel 或 WPS 另存为 .xlsx 后再上传`,
  missing_part: `${NOT_XLSX}，或文件已损坏`,
  doctype: '文件包含不允许的 XML 声明（DOCTYPE 或实体定义），已拒绝处理',
  not_utf8: `${NOT_XLSX}（内部 XML 编码不受支持）`,
  too_many_elements: '文件内容过多（单元格数量超出上限），请拆分后分批上传',
  range_too_large: '文件中的“名称”引用范围过大，请在 Excel 的名称管理器中删除后再上传',
};

const MiB = 1024 * 1024;

function refuse(reason: GuardReason, limits?: XlsxLimits): never {
  let message = MESSAGES[reason];
  if (reason === 'too_large' && limits) {
    message = `文件过大（超过 ${Math.floor(limits.maxFileBytes / MiB)} MB），请拆分后分批上传`;
  } else if (reason === 'too_big_uncompressed' && limits) {
    message = `文件解压后内容过大（超过 ${Math.floor(limits.maxUncompressedBytes / MiB)} MB），请拆分后分批上传`;
  }
  throw new AppError(400, 'BAD_FILE', message, { reason });
}

const LOCAL_SIG = 0x04034b50;
const CENTRAL_SIG = 0x02014b50;
const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

/**
 * End of central directory: the last signature in the file, as JSZip finds it, so both of us read the
 * same directory; it must end the file exactly (with its comment), as every real writer does.
 */
function findEndOfCentralDirectory(buf: Buffer): number {
  const stop = Math.max(0, buf.length - 22 - 0xffff);
  for (let at = buf.length - 4; at >= stop; at--) {
    if (buf.readUInt32LE(at) !== EOCD_SIG) continue;
    if (at + 22 > buf.length || at + 22 + buf.readUInt16LE(at + 20) !== buf.length) refuse('corrupt');
    return at;
  }
  return refuse('corrupt');
}

/** The central directory, with every offset checked against the buffer. Zip64 is refused (never needed under our caps). */
export function readCentralDirectory(buf: Buffer, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): ZipEntry[] {
  const eocd = findEndOfCentralDirectory(buf);
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const onDisk = buf.readUInt16LE(eocd + 8);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) refuse('corrupt');
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) refuse('corrupt');
  if (eocd >= 20 && buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIG) refuse('corrupt');
  if (count > limits.maxEntries) refuse('too_many_entries');
  // JSZip shifts every offset by any gap before the end record and reads entries while signatures
  // match: only a directory that ends exactly there, holding exactly `count` entries, reads the same.
  if (cdOffset + cdSize !== eocd) refuse('corrupt');

  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cdOffset + cdSize || buf.readUInt32LE(at) !== CENTRAL_SIG) refuse('corrupt');
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const entry: ZipEntry = {
      flags: buf.readUInt16LE(at + 8),
      method: buf.readUInt16LE(at + 10),
      compressedSize: buf.readUInt32LE(at + 20),
      uncompressedSize: buf.readUInt32LE(at + 24),
      localOffset: buf.readUInt32LE(at + 42),
      name: buf.toString('utf8', at + 46, at + 46 + nameLength),
    };
    if (
      entry.compressedSize === 0xffffffff ||
      entry.uncompressedSize === 0xffffffff ||
      entry.localOffset === 0xffffffff
    ) {
      refuse('corrupt');
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  if (at !== cdOffset + cdSize) refuse('corrupt');
  return entries;
}

/** Inflates one entry, never producing more than its declared size (+1 byte to notice a lie). */
export function inflateEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL_SIG) refuse('corrupt');
  const nameLength = buf.readUInt16LE(at + 26);
  // JSZip may take the local name: it must be the one the checks below were chosen by
  if (buf.toString('utf8', at + 30, at + 30 + nameLength) !== entry.name) refuse('corrupt');
  const start = at + 30 + nameLength + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) refuse('corrupt');
  const raw = buf.subarray(start, end);
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.uncompressedSize) refuse('size_mismatch');
    return raw;
  }
  let out: Buffer;
  try {
    out = inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
  } catch (err) {
    // ERR_BUFFER_TOO_LARGE: the data inflates to more than the header said — a lying zip bomb.
    if ((err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') refuse('size_mismatch');
    refuse('corrupt');
  }
  if (out.length !== entry.uncompressedSize) refuse('size_mismatch');
  return out;
}

/** Parts ExcelJS parses as XML: its own name patterns are unanchored (`sheet1.xml.png` is a sheet). */
const XML_PART = /\.(xml|rels|vml)/i;
const DECLARATIONS = ['DOCTYPE', 'ENTITY'].map((word) => Buffer.from(word));

/** `<!DOCTYPE` or `<!ENTITY` in any case, found on the bytes (no copy of a big part into a string). */
function hasDoctype(data: Buffer): boolean {
  for (let at = data.indexOf('<!'); at !== -1; at = data.indexOf('<!', at + 2)) {
    let from = at + 2;
    while (
      from < data.length &&
      (data[from] === 0x20 || data[from] === 0x09 || data[from] === 0x0a || data[from] === 0x0d)
    )
      from++;
    for (const word of DECLARATIONS) {
      const found = data.subarray(from, from + word.length);
      if (found.length === word.length && found.every((byte, i) => (byte & 0xdf) === word[i])) return true;
    }
  }
  return false;
}

/** Start tags (`<` then a name character): not `</`, `<!` or `<?`. */
function countStartTags(xml: Buffer): number {
  let count = 0;
  for (let at = xml.indexOf(0x3c); at !== -1; at = xml.indexOf(0x3c, at + 1)) {
    const next = xml[at + 1];
    if (next !== undefined && next !== 0x2f && next !== 0x21 && next !== 0x3f) count++;
  }
  return count;
}

/**
 * Cells covered by the workbook's defined names, e.g. `Sheet1!$A$1:$XFD$1048576`. Print areas and titles
 * are skipped: ExcelJS turns those into page setup instead of expanding them.
 */
function definedNameCells(workbookXml: string): number {
  let total = 0;
  for (const [, attributes, body] of workbookXml.matchAll(/<definedName\b([^>]*)>([^<]*)<\/definedName>/g)) {
    if (/name="_xlnm\.Print_/.test(attributes ?? '')) continue;
    for (const m of (body ?? '').matchAll(/\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)/gi)) {
      const cols = Math.abs(columnNumber(m[3]!) - columnNumber(m[1]!)) + 1;
      const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1;
      total += cols * rows;
    }
  }
  return total;
}

/** S24: throws AppError(400, 'BAD_FILE', Chinese message, { reason }) for anything that is not a sane .xlsx. */
export function guardXlsx(buf: Buffer, limits: XlsxLimits = DEFAULT_XLSX_LIMITS): void {
  if (buf.length > limits.maxFileBytes) refuse('too_large', limits);
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE2_MAGIC)) refuse('xls');
  if (buf.length < 30 || buf.readUInt32LE(0) !== LOCAL_SIG) refuse('not_zip');

  const entries = readCentralDirectory(buf, limits);
  let declared = 0;
  for (const entry of entries) {
    if (entry.flags & 0x41) refuse('encrypted'); // bit 0: encrypted, bit 6: strong encryption
    if (entry.method !== 0 && entry.method !== 8) refuse('unsupported_compression');
    if (entry.uncompressedSize > 0 && entry.compressedSize === 0) refuse('ratio');
    if (entry.uncompressedSize > entry.compressedSize * limits.maxEntryRatio) refuse('ratio');
    declared += entry.uncompressedSize;
  }
  if (declared > limits.maxUncompressedBytes) refuse('too_big_uncompressed', limits);
  const names = new Set(entries.map((e) => e.name.replace(/^\//, '')));
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml')) refuse('missing_part');

  // One entry at a time, each capped at its declared size, so memory stays within the largest part.
  let elements = 0;
  for (const entry of entries) {
    const data = inflateEntry(buf, entry);
    // every part is scanned, binary ones too: a part's name does not decide how it gets parsed
    if (hasDoctype(data)) refuse('doctype');
    if (!XML_PART.test(entry.name)) continue;
    // XML may not contain U+0000, so a NUL byte means UTF-16/32, which could hide a DOCTYPE from the scan.
    if (data.includes(0)) refuse('not_utf8');
    elements += countStartTags(data);
    if (limits.maxXmlElements !== undefined && elements > limits.maxXmlElements) refuse('too_many_elements');
    if (
      entry.name.replace(/^\//, '') === 'xl/workbook.xml' &&
      limits.maxDefinedNameCells !== undefined &&
      definedNameCells(data.toString('utf8')) > limits.maxDefinedNameCells
    ) {
      refuse('range_too_large');
    }
  }
}
