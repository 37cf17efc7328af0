import { Tag } from 'antd';
import { InstitutionRole } from '../../../../shared/enums';

const COLOR: Record<InstitutionRole, string> = { supporting: 'blue', recipient: 'green', both: 'purple' };

export function InstitutionRoleTag({ role }: { role: InstitutionRole }) {
  return <Tag color={COLOR[role]}>{InstitutionRole.label(role)}</Tag>;
}
