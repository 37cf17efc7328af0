/**
 * Test helpers: a tiny zip writer that can lie about sizes (to build hostile files byte by byte) and
 * an unzip through yauzl, independent of the guard's own reader.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { crc32, deflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

export interface RawEntry {
  name: string;
  /** the uncompressed bytes; deflated unless `stored` */
  data?: Buffer;
  stored?: boolean;
  /** already deflated bytes (then `uncompressedSize` and `crc` are taken as given) */
  deflated?: Buffer;
  /** what the headers claim; defaults to the truth */
  uncompressedSize?: number;
  crc?: number;
  flags?: number;
  method?: number;
}

export function writeZip(entries: RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.data ?? Buffer.alloc(0);
    const body = entry.deflated ?? (entry.stored ? data : deflateRawSync(data));
    const method = entry.method ?? (entry.stored ? 0 : 8);
    const size = entry.uncompressedSize ?? data.length;
    const crc = entry.crc ?? crc32(data);
    const flags = (entry.flags ?? 0) | 0x800; // UTF-8 names

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** Every entry of a zip, by name (yauzl, so the guard's reader is not used to check itself). */
export async function readZip(buf: Buffer): Promise<Map<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(buf, { lazyEntries: true });
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('error', reject);
    zip.on('end', resolve);
    zip.on('entry', (entry: yauzl.Entry) => {
      zip
        .openReadStreamPromise(entry)
        .then(async (stream) => {
          const chunks: Buffer[] = [];
          for await (const chunk of stream) chunks.push(chunk as Buffer);
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        })
        .catch(reject);
    });
    zip.readEntry();
  });
  return out;
}

/** A zip rebuilt from the entries of another, with some parts replaced. */
export async function rezip(buf: Buffer, replace: Record<string, string | Buffer>): Promise<Buffer> {
  const entries = await readZip(buf);
  for (const [name, data] of Object.entries(replace)) entries.set(name, Buffer.from(data));
  return writeZip([...entries].map(([name, data]) => ({ name, data })));
}

const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
const stop = new Int32Array(workerData);
let peak = 0;
parentPort.postMessage('ready');
while (Atomics.load(stop, 0) === 0) {
  peak = Math.max(peak, process.memoryUsage.rss());
  Atomics.wait(stop, 0, 0, 1);
}
parentPort.postMessage(peak);
`;

/**
 * The process's peak RSS growth (MB) while `fn` runs, sampled every millisecond from a worker thread
 * (the OS's own high-water mark is inherited from the test runner's parent, so it cannot be used).
 */
export async function peakRssGrowthMB(fn: () => void): Promise<number> {
  const stop = new SharedArrayBuffer(4);
  const worker = new Worker(SAMPLER, { eval: true, workerData: stop });
  await once(worker, 'message'); // ready
  const before = process.memoryUsage.rss();
  try {
    fn();
  } finally {
    const flag = new Int32Array(stop);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  }
  // posted once the flag is set; the listener is added before the event loop runs again
  const [sampled] = await once(worker, 'message');
  const peak = Math.max(Number(sampled), process.memoryUsage.rss());
  await worker.terminate();
  return (peak - before) / (1024 * 1024);
}
