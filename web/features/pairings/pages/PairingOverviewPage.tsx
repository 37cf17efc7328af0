import {
  Alert,
  Card,
  Flex,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import type { OverviewPrefectureDto, OverviewRecipientDto } from '../../../../shared/contracts/pairing';
import { InstitutionCategory, InstitutionTier } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { useAllProgrammes } from '../../programmes/api';
import { DateInput } from '../../programmes/components/DateInput';
import { usePairingOverview, useRegionChildren } from '../api';
import { CoverageChart } from '../components/CoverageChart';
import { PAIRING_MODE_LABELS } from '../labels';

const percent = (n: number, of: number) => (of ? `${((n * 100) / of).toFixed(2)}%` : '—');

const recipientColumns: TableColumnsType<OverviewRecipientDto> = [
  {
    title: '受援机构',
    key: 'name',
    width: 260,
    render: (_, r) => (
      <Space size={4} wrap>
        <span>{r.name}</span>
        {r.deepPoverty && <Tag color="volcano">深度贫困县</Tag>}
      </Space>
    ),
  },
  { title: '类别', dataIndex: 'category', width: 80, render: InstitutionCategory.label },
  { title: '层级', dataIndex: 'tier', width: 100, render: InstitutionTier.label },
  { title: '所在地区', dataIndex: 'regionName', width: 120 },
  {
    title: '支援机构',
    key: 'supporters',
    render: (_, r) =>
      r.supporters.length ? (
        <Flex wrap gap={4}>
          {r.supporters.map((s) => (
            <Tag key={s.pairingId} color={s.mode === 'one_to_one' ? 'blue' : 'geekblue'}>
              {s.name}（{InstitutionCategory.label(s.category)}·{PAIRING_MODE_LABELS[s.mode]}）
            </Tag>
          ))}
        </Flex>
      ) : (
        <Tag color="red">未结对</Tag>
      ),
  },
];

/** 结对概况: per prefecture, how many recipients of poverty counties are covered, per category, and by whom. */
export default function PairingOverviewPage() {
  const [prefecture, setPrefecture] = useState('all');
  const [programmeId, setProgrammeId] = useState<string | undefined>();
  const [on, setOn] = useState<string | undefined>();
  const { data, isFetching, error } = usePairingOverview(prefecture, programmeId, on);
  const programmes = useAllProgrammes();
  const prefectures = useRegionChildren('510000');

  const columns: TableColumnsType<OverviewPrefectureDto> = [
    { title: '市(州)', dataIndex: 'name', width: 160 },
    { title: '受援机构', dataIndex: 'recipients', width: 100 },
    { title: '已结对', dataIndex: 'covered', width: 90 },
    { title: '覆盖率', key: 'rate', width: 90, render: (_, p) => percent(p.covered, p.recipients) },
    ...InstitutionCategory.values.map((c) => ({
      title: `${InstitutionCategory.label(c)}类支援`,
      key: c,
      width: 100,
      render: (_: unknown, p: OverviewPrefectureDto) => p.coveredByCategory[c] ?? 0,
    })),
    {
      title: '未结对',
      key: 'uncovered',
      width: 90,
      render: (_, p) => {
        const n = p.recipients - p.covered;
        return n ? <Typography.Text type="danger">{n}</Typography.Text> : 0;
      },
    },
  ];

  return (
    <Card title="结对概况">
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <Select
          data-testid="overview-prefecture"
          style={{ width: 200 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={prefecture}
          onChange={setPrefecture}
          options={[
            { value: 'all', label: '全部市(州)' },
            ...(prefectures.data?.items.map((r) => ({ value: r.code, label: r.name })) ?? []),
          ]}
        />
        <Select
          data-testid="overview-programme"
          style={{ width: 280 }}
          placeholder="全部项目"
          allowClear
          value={programmeId}
          onChange={setProgrammeId}
          options={programmes.data?.items.map((p) => ({ value: p.id, label: p.name }))}
        />
        <DateInput
          data-testid="overview-on"
          style={{ width: 200 }}
          allowClear
          placeholder={data ? `统计日期 ${data.on}` : '统计日期'}
          value={on ?? null}
          onChange={(v) => setOn(v ?? undefined)}
        />
      </Flex>
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      {data && (
        <>
          <Flex gap={48} style={{ marginBottom: 16 }}>
            <Statistic title="受援机构" value={data.totals.recipients} />
            <Statistic title="已结对" value={data.totals.covered} />
            <Statistic title="覆盖率" value={percent(data.totals.covered, data.totals.recipients)} />
          </Flex>
          <Typography.Paragraph type="secondary">
            受援机构：贫困县（含深度贫困县、脱贫县、国家乡村振兴重点帮扶县）内的县乡机构，以及已有结对关系的其他受援机构；“已结对”指统计日期当天在期限内、执行中的结对关系。统计日期默认为今天；所选项目已结束时为其结束日。
          </Typography.Paragraph>
          {data.prefectures.length > 1 && <CoverageChart prefectures={data.prefectures} />}
        </>
      )}
      <Table<OverviewPrefectureDto>
        data-testid="pairing-overview-table"
        rowKey="code"
        size="small"
        columns={columns}
        dataSource={data?.prefectures}
        loading={isFetching}
        pagination={false}
        scroll={{ x: 1100 }}
        expandable={{
          defaultExpandedRowKeys: prefecture === 'all' ? [] : [prefecture],
          expandedRowRender: (p) => (
            <Table<OverviewRecipientDto>
              rowKey="id"
              size="small"
              columns={recipientColumns}
              dataSource={p.recipientList}
              pagination={false}
            />
          ),
        }}
      />
    </Card>
  );
}
