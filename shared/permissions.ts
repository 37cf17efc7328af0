import type { Role } from './enums';

/**
 * Which roles hold which permission. Every server route names one of these (or is
 * public), and the web menu shows an entry only when the user holds its permission.
 * Scope (which rows) is a separate matter, applied in the query.
 */
export const PERMISSIONS = {
  /** the home page and one's own profile */
  'home.view': [
    'province_office',
    'tcm_bureau',
    'prefecture_authority',
    'county_authority',
    'county_liaison',
    'supporting_admin',
    'recipient_admin',
    'support_staff',
    'recipient_staff',
    'inspector',
    'system_admin',
    'security_admin',
    'audit_admin',
  ],
  /** regions, county flags, institutions: read */
  'org.read': [
    'province_office',
    'tcm_bureau',
    'prefecture_authority',
    'county_authority',
    'county_liaison',
    'supporting_admin',
    'recipient_admin',
    'inspector',
  ],
  /** edit regions' county flags and contacts, institutions, departments and geofences (P01, S07) */
  'org.manage': ['province_office'],
  /** programmes and their policy packs: read */
  'programme.read': [
    'province_office',
    'tcm_bureau',
    'prefecture_authority',
    'county_authority',
    'county_liaison',
    'supporting_admin',
    'recipient_admin',
    'inspector',
  ],
  /** create programmes, publish new policy pack versions */
  'programme.manage': ['province_office'],
  /** pairings (two-sided: either side in scope sees them) */
  'pairing.read': [
    'province_office',
    'tcm_bureau',
    'prefecture_authority',
    'county_authority',
    'county_liaison',
    'supporting_admin',
    'recipient_admin',
    'inspector',
  ],
  /** create and change pairings, record P02 exceptions */
  'pairing.manage': ['province_office'],
  /** decide approval steps awaiting one's role and scope; delegate them while away */
  'workflow.act': [
    'province_office',
    'tcm_bureau',
    'prefecture_authority',
    'county_authority',
    'county_liaison',
    'supporting_admin',
    'recipient_admin',
  ],
  /** configure approval chains per programme and document type */
  'workflow.manage': ['province_office'],
  /** the staff registry: read (masked ID numbers and phones) */
  'staff.read': [
    'province_office',
    'tcm_bureau',
    'prefecture_authority',
    'county_authority',
    'county_liaison',
    'supporting_admin',
    'recipient_admin',
    'inspector',
  ],
  /** add and edit staff of the institutions in scope, import them */
  'staff.manage': ['province_office', 'supporting_admin', 'recipient_admin'],
  /** see a full ID number or phone, with a reason, audited (S08, S16) */
  'staff.reveal': ['province_office', 'supporting_admin', 'recipient_admin'],
  /** dispatches: read (either the staff member's home institution or the recipient in scope) */
  'dispatch.read': [
    'province_office',
    'tcm_bureau',
    'prefecture_authority',
    'county_authority',
    'county_liaison',
    'supporting_admin',
    'recipient_admin',
    'inspector',
  ],
  /** propose dispatches of one's own staff and submit them to the province */
  'dispatch.propose': ['province_office', 'supporting_admin'],
  /** confirm a dispatched person's arrival, record the end of a dispatch (the recipient) */
  'dispatch.confirm': ['province_office', 'recipient_admin'],
  /** service bonds (P20) and their breaches: read */
  'bond.read': [
    'province_office',
    'tcm_bureau',
    'prefecture_authority',
    'county_authority',
    'county_liaison',
    'recipient_admin',
    'inspector',
  ],
  /** enter and import bonds of one's own staff, record a breach */
  'bond.manage': ['province_office', 'county_authority', 'recipient_admin'],
  /** the phone pages of support staff */
  'mobile.use': ['support_staff'],
  /** the State Council calendar and regional holidays: read (every signed-in role that works with attendance) */
  'calendar.read': [
    'province_office',
    'tcm_bureau',
    'prefecture_authority',
    'county_authority',
    'county_liaison',
    'supporting_admin',
    'recipient_admin',
    'inspector',
    'support_staff',
  ],
  /** edit the calendar and the prefectures' regional holidays */
  'calendar.manage': ['province_office'],
  /** punch in and out on the phone page, with one's own bound device (support staff) */
  'attendance.checkin': ['support_staff'],
  /** punches, daily status, presence and the on-duty board of the staff in scope (support staff: their own) */
  'attendance.read': [
    'province_office',
    'tcm_bureau',
    'prefecture_authority',
    'county_authority',
    'county_liaison',
    'supporting_admin',
    'recipient_admin',
    'inspector',
    'support_staff',
  ],
  /** file one's own leave, trip, compensatory rest and 补卡 requests, and presence justifications */
  'attendance.request': ['support_staff'],
  /** accept or reject a presence justification (where the person works, or the county above it) */
  'attendance.review': ['province_office', 'county_authority', 'recipient_admin'],
  /** see user accounts (system admin to manage them, security admin to unlock them) */
  'users.read': ['system_admin', 'security_admin'],
  /** user accounts: create, role and scope, reset, disable (system admin, S09) */
  'users.manage': ['system_admin'],
  /** unlock accounts, reset a second factor, security policy (security admin, S09) */
  'security.manage': ['security_admin'],
  /** read and verify the audit trail (audit admin, S09) */
  'audit.read': ['audit_admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function hasPermission(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}
