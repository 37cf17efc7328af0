import { Alert, Breadcrumb, Button, Card, Input, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import type { RegionDto } from '../../../../shared/contracts/org';
import { RegionLevel } from '../../../../shared/enums';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { PROVINCE_CODE, PROVINCE_NAME } from '../../../app/brand';
import { ExportButton } from '../../../app/components/ExportButton';
import { todayInShanghai } from '../../../app/format';
import { useRegions } from '../api';
import { CountyFlagTags } from '../components/CountyFlagTags';
import { RegionDrawer } from '../components/RegionDrawer';

type Node = { code: string; name: string };

/** Counties are the leaves of the tree this platform keeps. */
const canDrill = (region: RegionDto) => region.level !== 'county';

export default function RegionsPage() {
  const canManage = can(useCurrentUser(), 'org.manage');
  const [viewing, setViewing] = useState<string | null>(null);
  const [trail, setTrail] = useState<Node[]>([{ code: PROVINCE_CODE, name: PROVINCE_NAME }]);
  const [q, setQ] = useState<string>();
  // 50 rows: every prefecture of the province, or every county of a prefecture, on one page.
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const parent = trail[trail.length - 1]!;
  const { data, isFetching, error } = useRegions({ parentCode: parent.code, q, ...paging });
  const today = todayInShanghai();

  const goTo = (nextTrail: Node[]) => {
    setTrail(nextTrail);
    setQ(undefined);
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const drill = (region: RegionDto) => {
    if (canDrill(region)) goTo([...trail, { code: region.code, name: region.name }]);
  };

  const columns: TableColumnsType<RegionDto> = [
    { title: '区划代码', dataIndex: 'code', width: 110 },
    {
      title: '名称',
      dataIndex: 'name',
      width: 200,
      render: (name: string, region) =>
        canDrill(region) ? (
          // The row is clickable too; the button gives keyboard users the same way down.
          <Button
            type="link"
            style={{ padding: 0 }}
            onClick={(e) => {
              e.stopPropagation();
              drill(region);
            }}
          >
            {name}
          </Button>
        ) : (
          name
        ),
    },
    { title: '级别', dataIndex: 'level', width: 90, render: RegionLevel.label },
    {
      title: '县域标识',
      dataIndex: 'flags',
      render: (flags: RegionDto['flags']) => <CountyFlagTags flags={flags} today={today} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, region) => (
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          data-testid={`region-view-${region.code}`}
          onClick={(e) => {
            e.stopPropagation();
            setViewing(region.code);
          }}
        >
          {canManage && region.level === 'county' ? '标识与联系人' : '详情'}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title="行政区划"
      extra={
        <ExportButton
          data-testid="regions-export"
          path="/api/regions/export"
          filters={{ parentCode: parent.code, q }}
          fallbackName="行政区划.xlsx"
        />
      }
    >
      <Breadcrumb
        style={{ marginBottom: 16 }}
        items={trail.map((node, i) => ({
          key: node.code,
          title:
            i < trail.length - 1 ? (
              <Button
                type="link"
                size="small"
                style={{ padding: 0, height: 'auto' }}
                onClick={() => goTo(trail.slice(0, i + 1))}
              >
                {node.name}
              </Button>
            ) : (
              node.name
            ),
        }))}
      />
      <Input.Search
        key={parent.code}
        placeholder={`在${parent.name}下级中按名称或代码搜索`}
        allowClear
        enterButton
        style={{ maxWidth: 360, marginBottom: 16 }}
        onSearch={(value) => {
          setQ(value.trim() || undefined);
          setPaging((p) => ({ ...p, page: 1 }));
        }}
      />
      {error && <Alert type="error" showIcon title={errorMessage(error)} style={{ marginBottom: 16 }} />}
      <Table<RegionDto>
        rowKey="code"
        columns={columns}
        dataSource={data?.items}
        loading={isFetching}
        scroll={{ x: 760 }}
        onRow={(region) =>
          canDrill(region) ? { onClick: () => drill(region), style: { cursor: 'pointer' } } : {}
        }
        pagination={{
          current: paging.page,
          pageSize: paging.pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 个`,
          onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      {viewing && <RegionDrawer code={viewing} canManage={canManage} onClose={() => setViewing(null)} />}
    </Card>
  );
}
