import { Alert, App, Button, Descriptions, Flex, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import {
  CALENDAR_DAY_KIND_LABELS,
  CALENDAR_SOURCE_LABELS,
  type CalendarDayDto,
  type SetCalendarDayBody,
} from '../../../../shared/contracts/calendar';
import { errorMessage } from '../../../app/api';
import { useClearCalendarDay, useSetCalendarDay } from '../calendar-api';

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

type Values = SetCalendarDayBody;

/**
 * 调整某日: set a State Council exception (a statutory holiday, or a weekend made a working
 * day) or clear it back to the plain Monday–Friday rule. Regional holidays are edited below
 * the calendar, per prefecture.
 */
export function CalendarDayModal({ day, onClose }: { day: CalendarDayDto; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const setDay = useSetCalendarDay();
  const clearDay = useClearCalendarDay();
  const [error, setError] = useState<string | null>(null);
  const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay();
  const weekend = weekday === 0 || weekday === 6;
  const hasException = day.source !== null;

  const save = async (values: Values) => {
    setError(null);
    try {
      await setDay.mutateAsync({ date: day.date, body: { kind: values.kind, name: values.name.trim() } });
      message.success(`已将 ${day.date} 设为${CALENDAR_DAY_KIND_LABELS[values.kind]}，相关考勤将重新计算`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const clear = async () => {
    setError(null);
    try {
      await clearDay.mutateAsync(day.date);
      message.success(`已取消 ${day.date} 的节假日设置，恢复为${weekend ? '休息日' : '工作日'}`);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const busy = setDay.isPending || clearDay.isPending;
  const initialKind =
    day.kind === 'workday' || day.kind === 'holiday' ? day.kind : weekend ? 'workday' : 'holiday';
  return (
    <Modal
      open
      title={`调整 ${day.date}（${WEEKDAYS[weekday]}）`}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Flex justify="space-between" gap={8}>
          <Button
            danger
            data-testid="calendar-day-clear"
            disabled={!hasException}
            loading={clearDay.isPending}
            onClick={clear}
          >
            恢复默认
          </Button>
          <Flex gap={8}>
            <Button onClick={onClose}>取消</Button>
            <Button
              type="primary"
              data-testid="calendar-day-save"
              loading={setDay.isPending}
              onClick={() => form.submit()}
            >
              保存
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Descriptions
        size="small"
        column={1}
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'now',
            label: '当前',
            children: `${CALENDAR_DAY_KIND_LABELS[day.kind]}${day.name ? `（${day.name}）` : ''}，${day.isWorkingDay ? '上班' : '休息'}`,
          },
          {
            key: 'source',
            label: '来源',
            children: day.source ? CALENDAR_SOURCE_LABELS[day.source] : '按周一至周五上班、周末休息',
          },
        ]}
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        disabled={busy}
        initialValues={{ kind: initialKind, name: day.kind === 'regional_holiday' ? '' : (day.name ?? '') }}
        onFinish={save}
      >
        <Form.Item
          name="kind"
          label="设为"
          rules={[{ required: true, message: '请选择法定节假日或调休上班' }]}
        >
          <Radio.Group
            data-testid="calendar-day-kind"
            options={[
              { value: 'holiday', label: '法定节假日（休息）' },
              { value: 'workday', label: '调休上班', disabled: !weekend },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label="节日名称"
          extra="调休上班日填写所调休的节日，如“春节”"
          rules={[{ required: true, whitespace: true, message: '请填写节日名称' }]}
        >
          <Input data-testid="calendar-day-name" maxLength={50} placeholder="如：国庆节" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
