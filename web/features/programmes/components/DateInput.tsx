import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import type { CSSProperties } from 'react';

const FORMAT = 'YYYY-MM-DD';

/** A calendar date as `YYYY-MM-DD` text in and out (what the API takes), shown with antd's picker. */
export function DateInput({
  value,
  onChange,
  allowClear,
  placeholder,
  style,
  'data-testid': testId,
}: {
  value?: string | null;
  onChange?: (value: string | null) => void;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}) {
  return (
    <DatePicker
      data-testid={testId}
      style={style}
      value={value ? dayjs(value, FORMAT) : null}
      format={FORMAT}
      allowClear={allowClear}
      placeholder={placeholder ?? '选择日期'}
      onChange={(d) => onChange?.(d ? d.format(FORMAT) : null)}
    />
  );
}
