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
  /** the password is past its maximum age: the user must change it before anything else (S02) */
  passwordExpired: z.boolean(),
  mfaEnrolled: z.boolean(),
});
export type MeDto = z.infer<typeof MeDto>;

/**
 * Login either completes (`me`; `passwordExpired` means only changing the password is
 * allowed until it is done, S02) or asks for a second factor (S04): `enrol` when the
 * admin has no TOTP yet and must enrol with the same ticket.
 */
export const LoginResult = z.union([
  z.object({ mfaRequired: z.literal(false), me: MeDto, passwordExpired: z.boolean() }),
  z.object({ mfaRequired: z.literal(true), ticket: z.string(), enrol: z.boolean() }),
]);
export type LoginResult = z.infer<typeof LoginResult>;

/** Header every state-changing request must carry (CSRF defence, S05). */
export const CSRF_HEADER = 'x-requested-with';
export const CSRF_VALUE = 'counterpart';

/** Second step of login (S04): the ticket from the first step and a 6-digit TOTP code. */
export const MfaBody = z.strictObject({
  ticket: z.string().min(20).max(200),
  code: z.string().regex(/^\d{6}$/, '请输入6位动态口令'),
});
export type MfaBody = z.infer<typeof MfaBody>;

export const MfaEnrolBody = z.strictObject({ ticket: z.string().min(20).max(200) });

/** What an admin needs to add the account to an authenticator app. */
export const MfaEnrolmentDto = z.object({
  /** base32 secret, for typing in by hand */
  secret: z.string(),
  otpauthUrl: z.string(),
  /** PNG data URL of the QR code of `otpauthUrl` */
  qrDataUrl: z.string(),
});
export type MfaEnrolmentDto = z.infer<typeof MfaEnrolmentDto>;

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** The password policy in force, for hints on the change-password page (S02). */
export const PasswordPolicyDto = z.object({
  minLength: z.number().int(),
  /** how many of the four classes (upper, lower, digit, symbol) a password needs */
  minClasses: z.number().int(),
  /** 0 = no periodic change */
  maxAgeDays: z.number().int(),
  rejectCommon: z.boolean(),
  /** the policy in Chinese, one line per rule */
  rules: z.array(z.string()),
});
export type PasswordPolicyDto = z.infer<typeof PasswordPolicyDto>;
