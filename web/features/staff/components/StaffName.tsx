import { Typography } from 'antd';

/**
 * A name in a table cell: long Tibetan and Yi names (with `·`) end in an ellipsis and show in
 * full in a tooltip, instead of wrapping mid-name or being cut silently.
 */
export function StaffName({ name, width }: { name: string; width: number }) {
  return (
    <Typography.Text style={{ maxWidth: width }} ellipsis={{ tooltip: name }}>
      {name}
    </Typography.Text>
  );
}
