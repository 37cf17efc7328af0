import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Flex,
  Select,
  Skeleton,
  Table,
  type TableColumnsType,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useState } from 'react';
import { describePack, type PolicyTableRow } from '../../../../shared/policy/labels';
import type { RuleId } from '../../../../shared/policy/schema';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { formatDateTime } from '../../../app/format';
import { usePolicy, usePolicyVersions, useProgramme } from '../api';
import { periodText } from '../labels';
import { RuleEditModal } from './RuleEditModal';

const LEVEL_COLORS: Record<string, string> = { 强制: 'red', 原则上: 'orange', 鼓励: 'blue' };

/** One programme: its period and the policy pack in force, any version readable; editing makes a new version. */
export default function ProgrammeDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const me = useCurrentUser();
  const programme = useProgramme(id);
  const versions = usePolicyVersions(id);
  const [version, setVersion] = useState<number | undefined>();
  const policy = usePolicy(id, version);
  const [editing, setEditing] = useState<RuleId | null>(null);

  const latest = versions.data?.items[0];
  const shown = policy.data;
  const isLatest = !!shown && !!latest && shown.version === latest.version;
  const mayEdit = can(me, 'programme.manage');

  const columns: TableColumnsType<PolicyTableRow> = [
    { title: '规则编号', dataIndex: 'id', width: 90 },
    {
      title: '规则',
      key: 'rule',
      width: 380,
      render: (_, r) => (
        <div>
          <Typography.Text strong>{r.title}</Typography.Text>
          <Typography.Paragraph
            type="secondary"
            style={{ margin: 0, fontSize: 12 }}
            ellipsis={{ rows: 3, expandable: true, symbol: '展开' }}
          >
            {r.text}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      title: '层级',
      key: 'level',
      width: 110,
      render: (_, r) => (
        <Flex vertical gap={4} align="start">
          <Tag color={LEVEL_COLORS[r.level]}>{r.level}</Tag>
          {r.enabled !== '启用' && <Tag>{r.enabled}</Tag>}
        </Flex>
      ),
    },
    {
      title: '参数',
      key: 'params',
      width: 360,
      render: (_, r) => (
        <ul style={{ margin: 0, paddingInlineStart: 16 }}>
          {r.params.map((p) => (
            <li key={p.label}>
              {p.label}：{p.value}
            </li>
          ))}
        </ul>
      ),
    },
    { title: '依据', dataIndex: 'source', width: 220 },
  ];
  if (mayEdit)
    columns.push({
      title: '操作',
      key: 'actions',
      width: 110,
      fixed: 'right',
      render: (_, r) => (
        <Tooltip title={isLatest ? undefined : '请切换到最新版本后编辑'}>
          <Button
            size="small"
            icon={<EditOutlined />}
            data-testid={`policy-edit-${r.id}`}
            disabled={!isLatest}
            onClick={() => setEditing(r.id)}
          >
            编辑参数
          </Button>
        </Tooltip>
      ),
    });

  const error = programme.error ?? versions.error ?? policy.error;
  return (
    <Card
      title={
        <Flex align="center" gap={8}>
          <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回项目列表" onClick={onBack} />
          <span>{programme.data?.name ?? '项目详情'}</span>
        </Flex>
      }
    >
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      {programme.data ? (
        <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
          <Descriptions.Item label="项目代码">{programme.data.code}</Descriptions.Item>
          <Descriptions.Item label="期限">{periodText(programme.data)}</Descriptions.Item>
          <Descriptions.Item label="实施地区">{programme.data.regionName}</Descriptions.Item>
          {programme.data.description && (
            <Descriptions.Item label="说明" span={3}>
              {programme.data.description}
            </Descriptions.Item>
          )}
        </Descriptions>
      ) : (
        !error && <Skeleton active paragraph={{ rows: 2 }} />
      )}

      <Flex wrap align="center" gap={12} style={{ marginBottom: 12 }}>
        <Typography.Text strong>政策包版本</Typography.Text>
        <Select
          data-testid="policy-version-select"
          style={{ width: 380 }}
          loading={versions.isPending}
          value={shown?.version}
          onChange={(v: number) => setVersion(v)}
          options={versions.data?.items.map((v) => ({
            value: v.version,
            label: `第${v.version}版 · 自 ${v.effectiveFrom} 起生效${v.version === latest?.version ? '（最新）' : ''}`,
          }))}
        />
        {version !== undefined && (
          <Button type="link" onClick={() => setVersion(undefined)}>
            回到今日生效版本
          </Button>
        )}
      </Flex>
      {shown && (
        <Alert
          type={isLatest ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          title={`${shown.pack.name}（${shown.pack.source}）· 第${shown.version}版，自 ${shown.effectiveFrom} 起生效${isLatest ? '' : '；此为历史版本，只读'}`}
          description={[
            shown.note && `说明：${shown.note}`,
            `发布：${shown.createdByName ?? '系统'} ${formatDateTime(shown.createdAt)}`,
          ]
            .filter(Boolean)
            .join('　')}
        />
      )}
      <Table<PolicyTableRow>
        data-testid="policy-table"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={shown ? describePack(shown.pack) : []}
        loading={policy.isFetching}
        pagination={false}
        scroll={{ x: 1300 }}
      />
      {editing && shown && latest && (
        <RuleEditModal
          programmeId={id}
          baseVersion={latest.version}
          minEffectiveFrom={latest.effectiveFrom}
          pack={shown.pack}
          ruleId={editing}
          onClose={() => setEditing(null)}
          onSaved={(v) => {
            setEditing(null);
            setVersion(v);
          }}
        />
      )}
    </Card>
  );
}
