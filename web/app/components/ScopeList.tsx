import { Empty, Flex, Tag, Typography } from 'antd';
import type { ScopeNodeDto } from '../../../shared/contracts/auth';
import { ScopeKind } from '../../../shared/enums';

const KIND_COLOR: Record<ScopeKind, string> = {
  all: 'gold',
  region: 'blue',
  institution: 'green',
  self: 'default',
};

/** The user's data scope (S07): which regions, institutions or records they may see. */
export function ScopeList({ scope }: { scope: ScopeNodeDto[] }) {
  if (scope.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="未分配数据范围" />;
  return (
    <Flex vertical gap={8}>
      {scope.map((node) => (
        <Flex key={`${node.kind}:${node.ref ?? ''}`} align="center" gap={8}>
          <Tag color={KIND_COLOR[node.kind]}>{ScopeKind.label(node.kind)}</Tag>
          <Typography.Text>{node.name}</Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
