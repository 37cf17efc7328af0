import { SettingOutlined } from '@ant-design/icons';
import type { MenuGroup } from './routes';

/** 系统管理: the pages of the three separated admins (S09); each sees only the entries its role holds. */
export const systemGroup: MenuGroup = { key: 'system', title: '系统管理', icon: <SettingOutlined /> };
