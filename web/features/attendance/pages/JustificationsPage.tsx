import { Alert, Card, Flex, Select, Typography } from 'antd';
import { useState } from 'react';
import {
  JUSTIFICATION_STATUS_LABELS,
  JUSTIFICATION_STATUSES,
  type JustificationStatus,
} from '../../../../shared/attendance-vocabulary';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { useDebounced } from '../../../app/use-debounced';
import { type JustificationFilter, useDispatchSearch, useJustifications } from '../attendance-api';
import { JustificationTable } from '../components/JustificationTable';

/**
 * 考勤情况说明: the justifications of broken presence rules (P06 absence days, P07 short
 * months) in the caller's scope; a reviewer (the recipient, the county above it, the
 * province office) accepts or rejects the pending ones. Accepted ones stay on record.
 */
export default function JustificationsPage() {
  const me = useCurrentUser();
  const [filter, setFilter] = useState<JustificationFilter>({ page: 1, pageSize: 20 });
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const canPickPerson = can(me, 'dispatch.read');
  const found = useDispatchSearch(canPickPerson ? q : '');
  const { data, isFetching, error } = useJustifications(filter);
  const set = (patch: Partial<JustificationFilter>) => setFilter((f) => ({ ...f, ...patch, page: 1 }));

  return (
    <Card title="考勤情况说明">
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select
          data-testid="justification-status"
          style={{ width: 160 }}
          placeholder="全部状态"
          allowClear
          value={filter.status}
          onChange={(status: JustificationStatus | undefined) => set({ status })}
          options={JUSTIFICATION_STATUSES.map((s) => ({ value: s, label: JUSTIFICATION_STATUS_LABELS[s] }))}
        />
        {canPickPerson && (
          <Select
            data-testid="justification-dispatch"
            style={{ width: 360 }}
            allowClear
            placeholder="全部人员（输入姓名查找）"
            showSearch={{ filterOption: false, onSearch: setSearch }}
            value={filter.dispatchId}
            onChange={(dispatchId: string | undefined) => set({ dispatchId })}
            options={found.data?.map((d) => ({
              value: d.id,
              label: `${d.staff.name}（${d.recipient.name} · ${d.batch}）`,
            }))}
          />
        )}
      </Flex>
      <Typography.Paragraph type="secondary">
        支援人员就缺勤的工作日（P06）或驻点天数不足的月份（P07）提交情况说明，由受援单位、所在县（市、区）卫生健康行政部门或省对口支援办审核；认可的说明与考勤判定一并留存。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <JustificationTable
        items={data?.items}
        loading={isFetching}
        canReview={can(me, 'attendance.review')}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
    </Card>
  );
}
