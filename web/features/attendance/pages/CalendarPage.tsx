import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Flex,
  Popconfirm,
  Row,
  Select,
  Space,
  Spin,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import {
  CALENDAR_DAY_KIND_LABELS,
  CALENDAR_DAY_KINDS,
  type CalendarDayDto,
  type RegionalHolidayDto,
} from '../../../../shared/contracts/calendar';
import { errorMessage } from '../../../app/api';
import { can, useCurrentUser } from '../../../app/auth';
import { todayInShanghai } from '../../../app/format';
import { useRegionChildren } from '../../pairings/api';
import { useCalendarYear, useDeleteRegionalHoliday, useRegionalHolidays } from '../calendar-api';
import { CalendarDayModal } from '../components/CalendarDayModal';
import { CALENDAR_KIND_STYLES, CalendarMonth } from '../components/CalendarMonth';
import { CalendarRegionalModal } from '../components/CalendarRegionalModal';

const SICHUAN = '510000';
const FIRST_YEAR = 2017;

/**
 * 节假日日历: the State Council calendar by year, with a prefecture's own holidays when one
 * is chosen. The province office (calendar.manage) clicks a day to set or clear an
 * exception and keeps the regional holidays; everyone else reads.
 */
export default function CalendarPage() {
  const me = useCurrentUser();
  const canManage = can(me, 'calendar.manage');
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [prefecture, setPrefecture] = useState<string | undefined>();
  const [editing, setEditing] = useState<CalendarDayDto | null>(null);
  const [adding, setAdding] = useState(false);

  const calendar = useCalendarYear(year, prefecture);
  const regional = useRegionalHolidays(year, prefecture);
  const allRegional = useRegionalHolidays(year, undefined);
  // Sichuan's prefectures for readers of the region tree; others choose among those with holidays.
  const sichuan = useRegionChildren(can(me, 'org.read') ? SICHUAN : undefined);
  const prefectureOptions = useMemo(() => {
    const options = new Map<string, string>();
    for (const r of sichuan.data?.items ?? []) options.set(r.code, r.name);
    for (const h of allRegional.data?.items ?? []) options.set(h.regionCode, h.regionName);
    return [...options]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.value.localeCompare(b.value));
  }, [sichuan.data, allRegional.data]);

  const years = Array.from({ length: thisYear + 1 - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i).reverse();
  const months = useMemo(() => {
    const byMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, days: [] as CalendarDayDto[] }));
    for (const d of calendar.data?.days ?? []) byMonth[Number(d.date.slice(5, 7)) - 1]!.days.push(d);
    return byMonth;
  }, [calendar.data]);
  const working = calendar.data?.days.filter((d) => d.isWorkingDay).length;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="节假日日历"
        extra={
          <Space wrap>
            <Select
              data-testid="calendar-year"
              value={year}
              onChange={setYear}
              options={years.map((y) => ({ value: y, label: `${y}年` }))}
              style={{ width: 110 }}
            />
            <Select
              data-testid="calendar-prefecture"
              value={prefecture}
              onChange={setPrefecture}
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="市（州）：不含地方性节假日"
              options={prefectureOptions}
              style={{ width: 240 }}
            />
          </Space>
        }
      >
        <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }}>
          {CALENDAR_DAY_KINDS.map((k) => (
            <Tag
              key={k}
              style={{
                ...CALENDAR_KIND_STYLES[k],
                borderColor: CALENDAR_KIND_STYLES[k].borderColor ?? '#d9d9d9',
              }}
            >
              {CALENDAR_DAY_KIND_LABELS[k]}
            </Tag>
          ))}
          <Typography.Text type="secondary" data-testid="calendar-summary">
            {working !== undefined &&
              `${year}年共 ${calendar.data?.days.length} 天，工作日 ${working} 天${
                calendar.data?.region ? `（${calendar.data.region.prefectureName}）` : ''
              }`}
          </Typography.Text>
          <Typography.Text type="secondary">
            {canManage
              ? '点击日期可设置或取消节假日、调休上班；带圆点的日期为本办调整。'
              : '数据来源：国务院办公厅节假日安排通知及各市（州）规定。'}
          </Typography.Text>
        </Flex>
        {calendar.error && <Alert type="error" showIcon title={errorMessage(calendar.error)} />}
        <Spin spinning={calendar.isFetching}>
          <Row gutter={[12, 12]}>
            {months.map(({ month, days }) => (
              <Col key={month} xs={24} sm={12} lg={8} xxl={6}>
                <CalendarMonth month={month} days={days} onPick={canManage ? setEditing : undefined} />
              </Col>
            ))}
          </Row>
        </Spin>
      </Card>
      <RegionalHolidays
        year={year}
        items={regional.data?.items ?? []}
        loading={regional.isFetching}
        canManage={canManage}
        onAdd={() => setAdding(true)}
      />
      {editing && <CalendarDayModal day={editing} onClose={() => setEditing(null)} />}
      {adding && (
        <CalendarRegionalModal
          prefectures={prefectureOptions}
          initialRegion={prefecture}
          onClose={() => setAdding(false)}
        />
      )}
    </Space>
  );
}

function RegionalHolidays({
  year,
  items,
  loading,
  canManage,
  onAdd,
}: {
  year: number;
  items: RegionalHolidayDto[];
  loading: boolean;
  canManage: boolean;
  onAdd: () => void;
}) {
  const { message } = App.useApp();
  const remove = useDeleteRegionalHoliday();
  const columns: TableColumnsType<RegionalHolidayDto> = [
    { title: '市（州）', dataIndex: 'regionName', key: 'regionName' },
    { title: '日期', dataIndex: 'date', key: 'date', width: 140 },
    { title: '节日', dataIndex: 'name', key: 'name' },
    ...(canManage
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_: unknown, row: RegionalHolidayDto) => (
              <Popconfirm
                title={`删除 ${row.regionName} ${row.date} 的${row.name}？`}
                okText="删除"
                cancelText="取消"
                onConfirm={async () => {
                  try {
                    await remove.mutateAsync(row.id);
                    message.success('已删除，相关考勤将重新计算');
                  } catch (e) {
                    message.error(errorMessage(e));
                  }
                }}
              >
                <Button
                  type="link"
                  danger
                  size="small"
                  icon={<DeleteOutlined />}
                  data-testid={`regional-delete-${row.id}`}
                >
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      title={`${year}年地方性节假日`}
      extra={
        canManage && (
          <Button type="primary" icon={<PlusOutlined />} data-testid="calendar-regional-add" onClick={onAdd}>
            添加地方性节假日
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        地方性节假日只适用于受援单位所在市（州）的派驻人员，如凉山州彝族年、甘孜州和阿坝州藏历年。预置日期为示例，请按当年各市（州）通知核对调整。
      </Typography.Paragraph>
      <Table<RegionalHolidayDto>
        data-testid="calendar-regional-table"
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: '本年度没有地方性节假日' }}
      />
    </Card>
  );
}
