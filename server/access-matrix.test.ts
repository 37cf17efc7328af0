import { beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, testApp } from './test/app';
import { type MatrixSpec, runMatrix } from './test/matrix';

/**
 * S06/S07: every registered API route is either in a module's access matrix or exempted
 * here with the reason it needs no data-scope test.
 */
const EXEMPT: Record<string, string> = {
  'GET /api/health': 'public: status only',
  'POST /api/auth/login': 'public: the caller proves who they are',
  'POST /api/auth/mfa': 'public: second step of login, bound to its ticket',
  'POST /api/auth/mfa/enrol': 'public: bound to its ticket',
  'POST /api/auth/logout': 'public: revokes only the presented session',
  'GET /api/auth/me': "the caller's own session",
  'GET /api/auth/password-policy': 'public: the policy text',
  'POST /api/auth/password': "the caller's own password",
  'GET /api/regions':
    'reference data (GB/T 2260): the same for every reader; permission checked in app.routes.test',
  'GET /api/regions/:code':
    'reference data: a region with its flags, code history and contacts, the same for every reader',
  'POST /api/regions/:code/flags':
    'reference data edited by the province office (org.manage); its region scope is tested in org.routes.test',
  'POST /api/regions/:code/flags/:id/withdraw':
    'reference data edited by the province office (org.manage); its region scope is tested in org.routes.test',
  'PUT /api/regions/:code/contacts':
    'reference data edited by the province office (org.manage); its region scope is tested in org.routes.test',
  'GET /api/calendar/:year':
    'reference data (the calendar), the same for every reader; permissions in calendar.routes.test',
  'GET /api/calendar/regional-holidays':
    'reference data (the calendar), the same for every reader; permissions in calendar.routes.test',
  'PUT /api/calendar/days/:date':
    'reference data edited by the province office (calendar.manage, no data scope); permissions in calendar.routes.test',
  'DELETE /api/calendar/days/:date':
    'reference data edited by the province office (calendar.manage, no data scope); permissions in calendar.routes.test',
  'POST /api/calendar/regional-holidays':
    'reference data edited by the province office (calendar.manage, no data scope); permissions in calendar.routes.test',
  'DELETE /api/calendar/regional-holidays/:id':
    'reference data edited by the province office (calendar.manage, no data scope); permissions in calendar.routes.test',
  'POST /api/files':
    'creates a record owned by the uploader; files are read only through the requests that hold them (files.routes.test)',
  'POST /api/leave-requests': "creates a record for the caller's own dispatch (leave.routes.test)",
  'POST /api/punch-corrections': "creates a record for the caller's own dispatch (leave.routes.test)",
  'POST /api/leave-requests/:id/withdraw':
    'the applicant only: 404 out of scope, 403 for anyone else (leave.routes.test)',
  'POST /api/leave-requests/:id/resubmit':
    'the applicant only: 404 out of scope, 403 for anyone else (leave.routes.test)',
  'POST /api/punch-corrections/:id/withdraw':
    'the applicant only: 404 out of scope, 403 for anyone else (leave.routes.test)',
  'POST /api/punch-corrections/:id/resubmit':
    'the applicant only: 404 out of scope, 403 for anyone else (leave.routes.test)',
  'GET /api/org/contact-candidates': 'names of province-office and liaison accounts for the contacts form',
  'POST /api/institutions':
    'creates a record, so no existing row to scope; the region must lie in the creator scope (org.routes.test)',
  'GET /api/map/boundary': 'the configured boundary file (MAP_BOUNDARY_GEOJSON), the same for every reader',
  'GET /api/users':
    'system administration: admin roles hold no data scope (S09); permissions in app.routes.test',
  'POST /api/users': 'system administration (S09)',
  'PUT /api/users/:id': 'system administration (S09)',
  'POST /api/users/:id/reset-password': 'system administration (S09)',
  'POST /api/users/:id/disable': 'system administration (S09)',
  'POST /api/users/:id/enable': 'system administration (S09)',
  'POST /api/users/:id/unlock': 'security administration (S09)',
  'POST /api/users/:id/reset-mfa': 'security administration (S09)',
  'GET /api/users/lookup/institutions': 'names for the account form (S09)',
  'GET /api/users/lookup/regions': 'names for the account form (S09)',
  'POST /api/pairings':
    'creates a record, so no existing row to scope; a pairing its author could not see is refused (pairing.routes.test)',
  'GET /api/programmes':
    'reference data: programmes are the same for every programme.read holder (permissions in programme.routes.test)',
  'POST /api/programmes': 'reference data, written by programme.manage only (programme.routes.test)',
  'GET /api/programmes/:id': 'reference data: a programme (programme.routes.test)',
  'GET /api/programmes/:id/policy': 'reference data: the policy pack in force (programme.routes.test)',
  'GET /api/programmes/:id/policy/versions': 'reference data: pack versions (programme.routes.test)',
  'POST /api/programmes/:id/policy':
    'reference data, written by programme.manage only (programme.routes.test)',
  'GET /api/policy-packs': 'the packs shipped with the platform (programme.routes.test)',
  'POST /api/workflow/instances/:id/approve':
    'decided by the role and scope of the current step, not by reading scope alone: 404 out of scope, 403 in scope without authority or on one own submission (S09) — workflow.routes.test',
  'POST /api/workflow/instances/:id/return':
    'as approve: decided by step role and scope (workflow.routes.test)',
  'POST /api/workflow/instances/:id/reject':
    'as approve: decided by step role and scope (workflow.routes.test)',
  'POST /api/workflow/instances/:id/resubmit':
    'the submitter only: 404 out of scope, 403 for anyone else (workflow.routes.test)',
  'POST /api/workflow/instances/:id/withdraw':
    'the submitter only: 404 out of scope, 403 for anyone else (workflow.routes.test)',
  'GET /api/workflow/chains': 'configuration: the same approval chains for every reader',
  'PUT /api/workflow/chains': 'configuration written by workflow.manage only (workflow.routes.test)',
  'DELETE /api/workflow/chains/:id': 'configuration written by workflow.manage only (workflow.routes.test)',
  'GET /api/workflow/delegations': "the caller's own delegations, given and received (workflow.routes.test)",
  'POST /api/workflow/delegations':
    "the caller's own delegation, to a colleague of the same role and unit only (workflow.routes.test)",
  'POST /api/workflow/delegations/:id/revoke':
    "the caller's own delegation: anyone else's is 404 (workflow.routes.test)",
  'GET /api/workflow/delegates':
    "names of the caller's colleagues, same role and unit (workflow.routes.test)",
  'GET /api/todos':
    "the caller's own to-dos: steps awaiting their role and scope (or a delegator's), and their returns (workflow.routes.test)",
  'GET /api/notifications': "the caller's own notifications (notifications.routes.test)",
  'GET /api/notifications/unread-count': "the caller's own counts (notifications.routes.test)",
  'POST /api/notifications/:id/read':
    "the caller's own notification: anyone else's is 404 (notifications.routes.test)",
  'POST /api/notifications/read-all': "the caller's own notifications (notifications.routes.test)",
  'POST /api/staff':
    "creates a record: its home institution must lie in the creator's scope, else 403 (staff.routes.test)",
  'POST /api/dispatches/check':
    "saves nothing; the staff member must be in the caller's scope (403) and the pairing visible (404) — dispatch.routes.test",
  'POST /api/dispatches':
    "creates a record: the staff member's home institution must lie in the proposer's scope, else 403 (dispatch.routes.test)",
  'POST /api/dispatches/:id/submit':
    'the sending side only: 404 out of scope, 403 for a staff member outside the scope; lifecycle and versions in dispatch.routes.test',
  'POST /api/dispatches/:id/arrive':
    'the recipient side only: 404 out of scope, 403 when only the home side is in scope (dispatch.routes.test)',
  'POST /api/dispatches/:id/end':
    'the recipient side only: 404 out of scope, 403 when only the home side is in scope (dispatch.routes.test)',
  'GET /api/dispatches/:id/posts':
    'the posts of one dispatch: 404 unless the dispatch is visible, as GET /api/dispatches/:id (dispatch.posts.test)',
  'POST /api/dispatches/:id/posts':
    'the recipient side only: 404 out of scope, 403 when only the home side is in scope (dispatch.posts.test)',
  'POST /api/dispatches/:id/replace':
    'the sending side only: 404 out of scope, 403 when only the recipient side is in scope (dispatch.posts.test)',
  'GET /api/bonds':
    'scoped by the staff member’s home institution: another hospital’s bonds are not listed (bond.routes.test)',
  'GET /api/bonds/:id': 'scoped by the home institution: 404 for another hospital’s bond (bond.routes.test)',
  'POST /api/bonds':
    'staff outside the scope 404, support staff 400, period from the pack (bond.routes.test)',
  'POST /api/bonds/:id/breaches':
    'scoped by the home institution: 404 for another hospital’s bond (bond.routes.test)',
  'GET /api/import-templates/bonds':
    'a blank template: the same for every bond.manage holder (bond.routes.test)',
  'POST /api/imports/bonds':
    'finds only recipient staff in the importer’s scope; others read as not found per row (bond.routes.test)',
  'GET /api/audit': 'audit administration: the whole trail (S11)',
  'GET /api/audit/export': 'audit administration (S11)',
  'GET /api/audit/verify': 'audit administration (S12)',
  'GET /api/dispatches/export':
    'an .xlsx body the matrix cannot read: the dispatches list service with its scope (either side), compared per scope in dispatch/dispatch.export.test',
  'GET /api/import-templates/staff':
    'a blank template: the same for every staff.manage holder (staff.import.test)',
  'POST /api/imports/staff':
    "creates staff only of institutions in the importer's scope; others' are refused per row (staff.import.test)",
  'GET /api/staff/export':
    'an .xlsx body the matrix cannot read: the staff list service with its scope, masked, compared per scope in staff.import.test',
  'GET /api/import-templates/institutions':
    'a blank template: the same for every org.manage holder (permission in excel/exports.test)',
  'GET /api/import-templates/pairings':
    'a blank template listing the programmes (reference data) for every pairing.manage holder (excel/exports.test)',
  'POST /api/imports/institutions':
    "creates and updates records: each row's region and matched institution must lie in the importer's scope (org.import, excel/imports.routes.test)",
  'POST /api/imports/pairings':
    'creates records through the pairing service, which refuses pairings its author could not see (pairing.import.test)',
  'GET /api/imports/:id': "the caller's own import job: others' are 404 (imports.routes.test)",
  'GET /api/imports/:id/report': "the caller's own import job: others' are 404 (imports.routes.test)",
  'POST /api/imports/:id/commit': "the caller's own import job: others' are 404 (imports.routes.test)",
  'POST /api/imports/:id/cancel': "the caller's own import job: others' are 404 (imports.routes.test)",
  'GET /api/institutions/export':
    "an .xlsx body the matrix cannot read: the list's scope filter in the query, tested per scope kind in excel/exports.test",
  'GET /api/pairings/export':
    'an .xlsx body the matrix cannot read: the pairings list service with its scope, compared with the list in excel/exports.test',
  'GET /api/users/export': 'system administration (S09), personal information capped for approval (S18)',
  'GET /api/workflow/instances/export':
    'an .xlsx body the matrix cannot read: the approvals list service itself (same visibility), compared with the list per scope in excel/exports.test',
  'GET /api/programmes/export':
    'reference data: programmes are the same for every programme.read holder (excel/exports.test)',
  'GET /api/regions/export':
    'reference data (GB/T 2260) with county flags, the same for every org.read holder (excel/exports.test)',
  'GET /api/audit/export.xlsx': 'audit administration (S11), as the CSV export',
};

const specs: MatrixSpec[] = Object.values(
  import.meta.glob<Record<string, MatrixSpec>>('./modules/*/*.matrix.ts', { eager: true }),
).flatMap((m) => Object.values(m));

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});

describe('every API route is in the access matrix or exempted with a reason', () => {
  it('covers the registered routes', () => {
    const covered = new Set(specs.flatMap((s) => s.routes));
    const missing = t.app.apiRoutes
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !r.startsWith('GET /api/docs') && !covered.has(r) && !(r in EXEMPT));
    expect(missing).toEqual([]);
  });

  it('has no stale entries', () => {
    const registered = new Set(t.app.apiRoutes.map((r) => `${r.method} ${r.url}`));
    const stale = [...specs.flatMap((s) => s.routes), ...Object.keys(EXEMPT)].filter(
      (r) => !registered.has(r),
    );
    expect(stale).toEqual([]);
  });
});

for (const spec of specs) {
  describe(`access matrix: ${spec.name}`, () => {
    runMatrix(() => t, spec);
  });
}
