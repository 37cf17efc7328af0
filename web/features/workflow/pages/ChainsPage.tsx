import { PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Select,
  Skeleton,
  Steps,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import type { ChainDto, DocType } from '../../../../shared/contracts/workflow';
import { Role } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { formatDateTimeMinutes } from '../../../app/format';
import { useAllProgrammes } from '../../programmes/api';
import { useChains, useDeleteChain } from '../api';
import { ChainEditorModal, type ChainTarget } from '../components/ChainEditorModal';
import { DOC_TYPE_LABELS, DOC_TYPES } from '../labels';

/** A chain's steps, read left to right. */
function ChainView({ chain }: { chain: ChainDto }) {
  return (
    <Steps
      size="small"
      type="dot"
      current={chain.steps.length}
      items={chain.steps.map((step, index) => ({
        key: `${index}:${step.label}`,
        title: step.label,
        content: (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {Role.label(step.role)} · {step.deadlineDays} 天{step.tcmOnly ? ' · 仅中医类' : ''}
          </Typography.Text>
        ),
      }))}
    />
  );
}

function ChainCard({ chain, onEdit, extra }: { chain: ChainDto; onEdit: () => void; extra?: ReactNode }) {
  return (
    <Card
      size="small"
      data-testid={chain.programmeId ? 'chain-card-programme' : 'chain-card-default'}
      title={
        chain.programmeId ? (
          <Flex gap={8} align="center">
            <Tag color="geekblue">项目专用</Tag>
            {chain.programmeName}
          </Flex>
        ) : (
          <Flex gap={8} align="center">
            <Tag>默认</Tag>适用于未单独配置的项目
          </Flex>
        )
      }
      extra={
        <Flex gap={4} align="center">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            更新于 {formatDateTimeMinutes(chain.updatedAt)}
          </Typography.Text>
          <Button type="link" size="small" data-testid="chain-edit" onClick={onEdit}>
            编辑
          </Button>
          {extra}
        </Flex>
      }
    >
      <ChainView chain={chain} />
    </Card>
  );
}

/** One document type: its default chain, then each programme's own. */
function DocTypeChains({
  docType,
  chains,
  onEdit,
}: {
  docType: DocType;
  chains: ChainDto[];
  onEdit: (target: ChainTarget) => void;
}) {
  const { message } = App.useApp();
  const programmes = useAllProgrammes();
  const remove = useDeleteChain();
  const [programmeId, setProgrammeId] = useState<string | undefined>();
  const fallback = chains.find((c) => c.programmeId === null);
  const own = chains.filter((c) => c.programmeId !== null);
  const configured = new Set(own.map((c) => c.programmeId));
  const available = programmes.data?.items.filter((p) => !configured.has(p.id)) ?? [];

  const addForProgramme = () => {
    const programme = available.find((p) => p.id === programmeId);
    if (!programme) return;
    setProgrammeId(undefined);
    onEdit({
      docType,
      programmeId: programme.id,
      programmeName: programme.name,
      steps: fallback?.steps ?? [],
    });
  };

  return (
    <Flex vertical gap={12}>
      {fallback ? (
        <ChainCard
          chain={fallback}
          onEdit={() =>
            onEdit({
              docType,
              programmeId: null,
              programmeName: null,
              chain: fallback,
              steps: fallback.steps,
            })
          }
        />
      ) : (
        <Alert
          type="warning"
          showIcon
          title="尚未配置默认流程：未单独配置的项目无法提交此类事项"
          action={
            <Button
              size="small"
              onClick={() => onEdit({ docType, programmeId: null, programmeName: null, steps: [] })}
            >
              配置默认流程
            </Button>
          }
        />
      )}
      {own.map((chain) => (
        <ChainCard
          key={chain.id}
          chain={chain}
          onEdit={() =>
            onEdit({
              docType,
              programmeId: chain.programmeId,
              programmeName: chain.programmeName,
              chain,
              steps: chain.steps,
            })
          }
          extra={
            <Popconfirm
              title={`删除“${chain.programmeName}”的专用流程？`}
              description="删除后该项目按默认流程办理；已在办理中的事项不受影响。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() =>
                remove.mutateAsync(chain.id).then(
                  () => message.success('已删除项目专用流程'),
                  (e) => message.error(errorMessage(e)),
                )
              }
            >
              <Button type="link" size="small" danger data-testid="chain-delete">
                删除
              </Button>
            </Popconfirm>
          }
        />
      ))}
      <Flex gap={8} align="center" wrap>
        <Select
          data-testid="chain-add-programme"
          placeholder="选择项目，为其单独配置流程"
          style={{ width: 320 }}
          loading={programmes.isPending}
          options={available.map((p) => ({ value: p.id, label: p.name }))}
          value={programmeId}
          onChange={setProgrammeId}
          notFoundContent="所有项目均已单独配置"
        />
        <Button
          icon={<PlusOutlined />}
          disabled={!programmeId}
          data-testid="chain-add"
          onClick={addForProgramme}
        >
          为项目单独配置
        </Button>
      </Flex>
    </Flex>
  );
}

/** 审批流程配置: per document type, the default chain and programme-specific ones. */
export default function ChainsPage() {
  const { data, isPending, error } = useChains();
  const [editing, setEditing] = useState<ChainTarget | null>(null);
  const byType = (docType: DocType) => data?.items.filter((c) => c.docType === docType) ?? [];

  return (
    <Card title="审批流程配置">
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      {isPending ? (
        <Skeleton active />
      ) : data ? (
        <Tabs
          data-testid="chain-tabs"
          items={DOC_TYPES.map((docType) => ({
            key: docType,
            label: DOC_TYPE_LABELS[docType],
            children: <DocTypeChains docType={docType} chains={byType(docType)} onEdit={setEditing} />,
          }))}
        />
      ) : (
        <Empty />
      )}
      {editing && <ChainEditorModal target={editing} onClose={() => setEditing(null)} />}
    </Card>
  );
}
