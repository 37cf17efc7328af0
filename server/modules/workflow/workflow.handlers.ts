import type { DocType } from '../../../shared/contracts/workflow';
import type { Tx } from '../../db/client';
import type { Ctx } from '../../platform/context';
import type { InstanceRow } from './workflow.repo';

/** What a handler is told about a decision: the instance as it was, and who decided why. */
export interface Decision {
  instance: InstanceRow;
  comment: string | null;
  /** the colleague a delegate acted for (代理审批), if any */
  onBehalfOf: string | null;
}

/**
 * What the workflow engine needs of a document type: where the document is shown, and what
 * happens to it when its passage ends. Every callback runs inside the transaction of the
 * decision, so the document and its approval change together or not at all.
 */
export interface DocHandler {
  /** the web path of the document itself */
  link(docId: string): string;
  /** the last step approved */
  onApproved(tx: Tx, ctx: Ctx, d: Decision): Promise<void>;
  onRejected(tx: Tx, ctx: Ctx, d: Decision): Promise<void>;
  onReturned?(tx: Tx, ctx: Ctx, d: Decision): Promise<void>;
  /** withdrawing is allowed only for document types that say what it means for them */
  onWithdrawn?(tx: Tx, ctx: Ctx, d: Decision): Promise<void>;
  /**
   * The submitter resubmits after a return; `comment` may carry a new justification. Returns
   * the instance's new payload when the document changed with it.
   */
  onResubmitted?(tx: Tx, ctx: Ctx, d: Decision): Promise<Record<string, unknown> | undefined>;
}

const handlers = new Map<DocType, DocHandler>();

/**
 * Modules register their document types when loaded (`pairing.service` registers
 * `pairing_exception`), so the engine does not import the modules that import it.
 * Returns a function that restores the previous handler (for tests).
 */
export function registerDocHandler(docType: DocType, handler: DocHandler): () => void {
  const previous = handlers.get(docType);
  handlers.set(docType, handler);
  return () => {
    if (previous) handlers.set(docType, previous);
    else handlers.delete(docType);
  };
}

export function handlerOf(docType: DocType): DocHandler {
  const handler = handlers.get(docType);
  if (!handler) throw new Error(`no workflow handler registered for document type ${docType}`);
  return handler;
}

/** Withdrawing is offered only for document types whose handler says what it means. */
export const withdrawable = (docType: DocType): boolean => Boolean(handlers.get(docType)?.onWithdrawn);

/** The document link when a handler is known (lists may hold types whose module is not loaded). */
export const linkOf = (docType: DocType, docId: string): string | null =>
  handlers.get(docType)?.link(docId) ?? null;
