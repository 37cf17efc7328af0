import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Select, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ScopeNodeDto } from '../../../../shared/contracts/auth';
import { ScopeKind } from '../../../../shared/enums';
import { InstitutionPicker, RegionPicker } from './Pickers';

/** Most nodes an account may hold (`scope` in CreateUserBody). */
const MAX_NODES = 20;

export const SCOPE_COLOR: Record<ScopeKind, string> = {
  all: 'gold',
  region: 'blue',
  institution: 'green',
  self: 'default',
};

const sameNode = (a: ScopeNodeDto, b: ScopeNodeDto) => a.kind === b.kind && (a.ref ?? '') === (b.ref ?? '');

/** A scope node as a tag: `行政区划：凉山彝族自治州`, or just `全部` / `本人`. */
export function ScopeTag({ node, onClose }: { node: ScopeNodeDto; onClose?: () => void }) {
  const kind = ScopeKind.label(node.kind);
  const text = node.kind === 'all' || node.kind === 'self' ? kind : `${kind}：${node.name}`;
  return (
    <Tag
      color={SCOPE_COLOR[node.kind]}
      closable={!!onClose}
      onClose={(e) => {
        e.preventDefault();
        onClose?.();
      }}
      style={{ marginInlineEnd: 0 }}
    >
      {text}
    </Tag>
  );
}

/**
 * The data scope of an account (S07) as a form control: the nodes it holds, and a row to add
 * one — 全部, a region (searched), an institution (searched), or 本人.
 */
export function ScopeEditor({
  value = [],
  onChange,
  kinds,
}: {
  value?: ScopeNodeDto[];
  onChange?: (value: ScopeNodeDto[]) => void;
  /** the kinds this account's role may hold */
  kinds: ScopeKind[];
}) {
  const [kind, setKind] = useState<ScopeKind | undefined>(kinds[0]);
  const [pick, setPick] = useState<{ ref: string; name: string } | null>(null);
  const chosenKind = kind && kinds.includes(kind) ? kind : kinds[0];
  const needsRef = chosenKind === 'region' || chosenKind === 'institution';

  const candidate: ScopeNodeDto | null = !chosenKind
    ? null
    : needsRef
      ? pick && { kind: chosenKind, ref: pick.ref, name: pick.name }
      : { kind: chosenKind, ref: null, name: ScopeKind.label(chosenKind) };
  const duplicate = !!candidate && value.some((n) => sameNode(n, candidate));
  const full = value.length >= MAX_NODES;

  const add = () => {
    if (!candidate || duplicate || full) return;
    onChange?.([...value, candidate]);
    setPick(null);
  };
  const onPick = (ref: string | null, name?: string) => setPick(ref ? { ref, name: name ?? ref } : null);

  return (
    <Flex vertical gap={8} data-testid="scope-editor">
      {value.length === 0 ? (
        <Typography.Text type="secondary">尚未添加数据范围</Typography.Text>
      ) : (
        <Flex wrap gap={6}>
          {value.map((node) => (
            <ScopeTag
              key={`${node.kind}:${node.ref ?? ''}`}
              node={node}
              onClose={() => onChange?.(value.filter((n) => !sameNode(n, node)))}
            />
          ))}
        </Flex>
      )}
      {kinds.length > 0 && (
        <Flex gap={8} wrap>
          <Select<ScopeKind>
            data-testid="scope-kind"
            aria-label="范围类型"
            style={{ width: 120 }}
            value={chosenKind}
            options={kinds.map((k) => ({ value: k, label: ScopeKind.label(k) }))}
            onChange={(k) => {
              setKind(k);
              setPick(null);
            }}
          />
          {chosenKind === 'region' && (
            <RegionPicker
              data-testid="scope-region"
              style={{ flex: 1, minWidth: 220 }}
              value={pick?.ref ?? null}
              valueName={pick?.name}
              onChange={onPick}
            />
          )}
          {chosenKind === 'institution' && (
            <InstitutionPicker
              data-testid="scope-institution"
              style={{ flex: 1, minWidth: 220 }}
              value={pick?.ref ?? null}
              valueName={pick?.name}
              onChange={onPick}
            />
          )}
          <Button
            data-testid="scope-add"
            icon={<PlusOutlined />}
            disabled={!candidate || duplicate || full}
            onClick={add}
          >
            添加
          </Button>
        </Flex>
      )}
      {duplicate && <Typography.Text type="warning">该范围已在列表中</Typography.Text>}
      {full && <Typography.Text type="warning">数据范围最多 {MAX_NODES} 项</Typography.Text>}
    </Flex>
  );
}
