import { Typography } from 'antd';
import type { DispatchDto } from '../../../../shared/contracts/dispatch';
import { DISPATCH_KIND_LABELS, DISPATCH_ROLE_LABELS, TITLE_LABELS } from '../labels';

/** One line naming a dispatch: who, from where, to where, how and when. */
export function DispatchSummary({ dispatch: d }: { dispatch: DispatchDto }) {
  return (
    <Typography.Paragraph data-testid="dispatch-summary">
      {d.staff.name}（{TITLE_LABELS[d.staff.title]}，{d.staff.institution.name}）→ {d.recipient.name}
      <br />
      <Typography.Text type="secondary">
        {d.batch} · {DISPATCH_KIND_LABELS[d.kind]} · {DISPATCH_ROLE_LABELS[d.role]} · {d.plannedStart} 至{' '}
        {d.plannedEnd}
      </Typography.Text>
    </Typography.Paragraph>
  );
}
