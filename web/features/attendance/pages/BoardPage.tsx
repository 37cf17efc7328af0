import {
  Alert,
  Card,
  Col,
  Flex,
  Row,
  Select,
  Space,
  Statistic,
  Switch,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { DAY_STATUS_COLORS, DAY_STATUS_LABELS } from '../../../../shared/attendance-vocabulary';
import type { BoardRowDto } from '../../../../shared/contracts/attendance';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { InstitutionPicker } from '../../../app/components/InstitutionPicker';
import { todayInShanghai } from '../../../app/format';
import { useRegionChildren } from '../../pairings/api';
import { DateInput } from '../../programmes/components/DateInput';
import { TITLE_LABELS } from '../../staff/labels';
import { type BoardFilter, useBoard } from '../attendance-api';
import { BoardChart } from '../components/BoardChart';

/** "Not checked in by" hours a recipient would choose: 08:00 to 12:00 by the half hour. */
const HOURS = Array.from({ length: 9 }, (_, i) => {
  const minutes = 8 * 60 + i * 30;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${minutes % 60 ? '30' : '00'}`;
});

const columns: TableColumnsType<BoardRowDto> = [
  {
    title: '姓名',
    key: 'staff',
    width: 130,
    render: (_, r) => (
      <Flex vertical>
        <Typography.Link data-testid="board-staff">{r.staff.name}</Typography.Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {TITLE_LABELS[r.staff.title as keyof typeof TITLE_LABELS] ?? r.staff.title}
        </Typography.Text>
      </Flex>
    ),
  },
  { title: '派出单位', key: 'home', width: 160, render: (_, r) => r.home.name },
  {
    title: '受援单位',
    key: 'recipient',
    width: 180,
    render: (_, r) => (
      <Flex vertical>
        <span>{r.recipient.name}</span>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {r.recipient.regionName}
        </Typography.Text>
      </Flex>
    ),
  },
  {
    title: '考勤规则',
    dataIndex: 'rule',
    width: 100,
    render: (rule: BoardRowDto['rule']) =>
      rule ? <Tag>{rule === 'P06' ? 'P06 全职' : 'P07 弹性'}</Tag> : '—',
  },
  {
    title: '状态',
    key: 'status',
    width: 130,
    render: (_, r) => (
      <Space size={4} wrap>
        <Tag data-testid="board-status" color={DAY_STATUS_COLORS[r.status]} style={{ marginInlineEnd: 0 }}>
          {DAY_STATUS_LABELS[r.status]}
        </Tag>
        {r.missing && (
          <Tag data-testid="board-missing" color="red" style={{ marginInlineEnd: 0 }}>
            未打卡
          </Tag>
        )}
      </Space>
    ),
  },
  { title: '首次打卡', dataIndex: 'firstPunch', width: 90, render: (t: string | null) => t ?? '—' },
  {
    title: '依据',
    key: 'reason',
    render: (_, r) => <Typography.Text type="secondary">{r.reason.text}</Typography.Text>,
  },
];

/**
 * 今日在岗: every person on an approved dispatch in the caller's scope on the day, with the
 * day's status and its reason, and who has not checked in by the chosen hour. A row opens
 * the person's month calendar.
 */
export default function BoardPage() {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [prefecture, setPrefecture] = useState<string | undefined>();
  const [county, setCounty] = useState<string | undefined>();
  const [filter, setFilter] = useState<BoardFilter>({ by: '10:00', page: 1, pageSize: 20 });
  const { data, isFetching, error } = useBoard({ ...filter, region: county ?? prefecture });
  const orgRead = can(me, 'org.read');
  const prefectures = useRegionChildren(orgRead ? '510000' : undefined);
  const counties = useRegionChildren(orgRead ? prefecture : undefined);
  const set = (patch: Partial<BoardFilter>) => setFilter((f) => ({ ...f, ...patch, page: 1 }));
  const date = data?.date ?? filter.date ?? todayInShanghai();

  return (
    <Card title="今日在岗">
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        {orgRead && (
          <>
            <Select
              data-testid="board-prefecture"
              style={{ width: 180 }}
              placeholder="全部市(州)"
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              value={prefecture}
              onChange={(v) => {
                setPrefecture(v);
                setCounty(undefined);
                set({});
              }}
              options={prefectures.data?.items.map((r) => ({ value: r.code, label: r.name }))}
            />
            <Select
              data-testid="board-county"
              style={{ width: 160 }}
              placeholder="全部县(市、区)"
              allowClear
              disabled={!prefecture}
              showSearch={{ optionFilterProp: 'label' }}
              value={county}
              onChange={(v) => {
                setCounty(v);
                set({});
              }}
              options={counties.data?.items.map((r) => ({ value: r.code, label: r.name }))}
            />
            <InstitutionPicker
              data-testid="board-recipient"
              roles={['recipient', 'both']}
              style={{ width: 240 }}
              placeholder="全部受援单位"
              allowClear
              value={filter.recipientInstitutionId ?? null}
              onChange={(id) => set({ recipientInstitutionId: id ?? undefined })}
            />
          </>
        )}
        <DateInput
          data-testid="board-date"
          style={{ width: 160 }}
          placeholder={`日期 ${date}`}
          allowClear
          value={filter.date ?? null}
          onChange={(v) => set({ date: v ?? undefined })}
        />
        <Space size={6}>
          <Typography.Text>截至</Typography.Text>
          <Select
            data-testid="board-by"
            style={{ width: 96 }}
            value={filter.by}
            onChange={(by) => set({ by })}
            options={HOURS.map((h) => ({ value: h, label: h }))}
          />
          <Typography.Text>未打卡</Typography.Text>
        </Space>
        <Space size={6}>
          <Switch
            data-testid="board-missing-only"
            checked={filter.missing === true}
            onChange={(on) => set({ missing: on ? true : undefined })}
          />
          <Typography.Text>只看未打卡</Typography.Text>
        </Space>
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      {data && (
        <Row gutter={[24, 16]} style={{ marginBottom: 16 }} align="middle">
          <Col xs={24} lg={14}>
            <Row gutter={[16, 16]}>
              <Col span={12}>
                <Card size="small">
                  <Statistic title="在派人员" value={data.totals.dispatched} suffix="人" />
                </Card>
              </Col>
              <Col span={12}>
                <Card size="small">
                  <Statistic
                    title="在岗"
                    value={data.totals.onSite}
                    suffix="人"
                    styles={{ content: { color: '#389e0d' } }}
                  />
                </Card>
              </Col>
              <Col span={12}>
                <Card size="small">
                  <Statistic title="请假、出差、补休" value={data.totals.excused} suffix="人" />
                </Card>
              </Col>
              <Col span={12}>
                <Card size="small">
                  <Statistic
                    title={`${data.by} 前未打卡`}
                    value={data.totals.missing}
                    suffix="人"
                    styles={{ content: { color: data.totals.missing ? '#cf1322' : undefined } }}
                  />
                </Card>
              </Col>
            </Row>
            <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
              {data.date} 数据范围内执行中的选派人员。“未打卡”指当日为工作日、无经批准的请假出差或补休，且截至{' '}
              {data.by}
              仍无受援单位打卡范围内的有效打卡（当天须到 {data.by} 后才判定）。
            </Typography.Paragraph>
          </Col>
          <Col xs={24} lg={10}>
            {data.totals.dispatched > 0 && <BoardChart totals={data.totals} by={data.by} />}
          </Col>
        </Row>
      )}
      <Table<BoardRowDto>
        data-testid="board-table"
        rowKey="dispatchId"
        size="small"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 1100 }}
        onRow={(r) => ({
          onClick: () =>
            navigate(
              `/attendance/person?dispatchId=${r.dispatchId}&month=${(data?.date ?? date).slice(0, 7)}`,
            ),
          style: { cursor: 'pointer' },
        })}
        pagination={{
          current: filter.page,
          pageSize: filter.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (n) => `共 ${n} 人`,
          onChange: (page, pageSize) => setFilter((f) => ({ ...f, page, pageSize })),
        }}
      />
    </Card>
  );
}
