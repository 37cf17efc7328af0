import { z } from 'zod';
import { Role, ScopeKind } from '../enums';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const ScopeNodeDto = z.object({
  kind: z.enum(ScopeKind.values),
  /** region code or institution id; absent for `all` and `self` */
  ref: z.string().nullable(),
  /** zh-CN name of the node, for display */
  name: z.string(),
});
export type ScopeNodeDto = z.infer<typeof ScopeNodeDto>;

export const MeDto = z.object({
  user: z.object({
    id: z.uuid(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(Role.values),
    roleLabel: z.string(),
    institutionId: z.uuid().nullable(),
    institutionName: z.string().nullable(),
  }),
  scope: z.array(ScopeNodeDto),
  permissions: z.array(z.string()),
});
export type MeDto = z.infer<typeof MeDto>;

/** Login either completes (`me`) or asks for a second factor (S04, next issue). */
export const LoginResult = z.union([
  z.object({ mfaRequired: z.literal(false), me: MeDto }),
  z.object({ mfaRequired: z.literal(true), ticket: z.string(), enrol: z.boolean().optional() }),
]);
export type LoginResult = z.infer<typeof LoginResult>;

/** Header every state-changing request must carry (CSRF defence, S05). */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'counterpart';
