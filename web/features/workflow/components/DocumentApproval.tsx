import { App } from 'antd';
import { type ReactNode, useState } from 'react';
import type { DocType } from '../../../../shared/contracts/workflow';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { fetchDocumentInstances } from '../api';
import { ApprovalDrawer } from './ApprovalDrawer';

/**
 * Makes `children` (a document's approval status tag, say) open the approval drawer of that
 * document's latest passage through its chain, e.g. a pairing's P02 exception.
 */
export function DocumentApproval({
  docType,
  docId,
  children,
}: {
  docType: DocType;
  docId: string;
  children: ReactNode;
}) {
  const { message } = App.useApp();
  const [instanceId, setInstanceId] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  // Approvals are read with workflow.act: others (an inspector, say) see the tag alone.
  const mayRead = can(useCurrentUser(), 'workflow.act');

  const open = async () => {
    if (loading) return;
    setLoading(true);
    try {
      const [latest] = await fetchDocumentInstances(docType, docId);
      if (latest) setInstanceId(latest.id);
      else message.info('暂无审批记录');
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setLoading(false);
    }
  };

  if (!mayRead) return children;
  return (
    <>
      <button
        type="button"
        data-testid="document-approval-open"
        onClick={open}
        style={{ all: 'unset', cursor: loading ? 'progress' : 'pointer' }}
      >
        {children}
      </button>
      {instanceId && <ApprovalDrawer instanceId={instanceId} onClose={() => setInstanceId(null)} />}
    </>
  );
}
