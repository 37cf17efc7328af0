import type { CreateCheckinBody } from '../../shared/contracts/checkin';

/**
 * Punches made without signal (issue 7 item 2): kept in IndexedDB on the phone, so they
 * survive a reload or a closed tab, and sent later with their original id and time (S28: the
 * server keeps one row per id, so sending one twice is harmless).
 */

/** A punch waiting on this phone. */
export interface QueuedPunch {
  /** the punch's own id (the key) */
  id: string;
  /** exactly what will be sent, `offline: true` */
  body: CreateCheckinBody;
  /** when it was put in the queue */
  queuedAt: string;
  /** the server answered that the punch is outside the fence: its message, until a reason is given */
  needsReason?: string | null;
}

const DB_NAME = 'counterpart';
const STORE = 'pending-checkins';
/** Bump with a new `onupgradeneeded` step when another store joins this database. */
const DB_VERSION = 1;

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('indexedDB unavailable'));
      return;
    }
    const req = indexedDB.open(DB_NAME, DB_VERSION);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE))
        req.result.createObjectStore(STORE, { keyPath: 'id' });
    };
    req.onsuccess = () => {
      const db = req.result;
      // Another tab upgrading the database: let it, and reopen on next use.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    req.onerror = () => reject(req.error);
    req.onblocked = () => reject(new Error('indexedDB blocked'));
  }).catch((e: unknown) => {
    opening = null;
    throw e;
  });
  return opening;
}

/** Run one request in its own transaction; resolves when the transaction has committed. */
async function run<T>(
  mode: IDBTransactionMode,
  request: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDb();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const req = request(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error ?? req.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

const listeners = new Set<() => void>();

/** Called after every change of the queue (the page re-reads it). */
export function onQueueChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

const changed = () => {
  for (const l of listeners) l();
};

/** Whether this phone can keep punches at all (IndexedDB may be off in private browsing). */
export async function queueAvailable(): Promise<boolean> {
  try {
    await openDb();
    return true;
  } catch {
    return false;
  }
}

/** Every waiting punch, oldest punch first (the order they are sent in). */
export async function pendingPunches(): Promise<QueuedPunch[]> {
  const items = await run('readonly', (s) => s.getAll() as IDBRequest<QueuedPunch[]>);
  return items.sort((a, b) => Date.parse(a.body.punchedAt) - Date.parse(b.body.punchedAt));
}

/** Add a punch, or replace the stored one with the same id (e.g. with its 外勤 reason). */
export async function savePunch(item: QueuedPunch): Promise<void> {
  await run('readwrite', (s) => s.put(item));
  changed();
}

export async function removePunch(id: string): Promise<void> {
  await run('readwrite', (s) => s.delete(id));
  changed();
}
