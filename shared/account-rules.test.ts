import { describe, expect, it } from 'vitest';
import { checkAccountShape } from './account-rules';
import type { Role, ScopeKind } from './enums';

const shape = (role: Role, kinds: ScopeKind[], institutionId: string | null = null) => ({
  role,
  institutionId,
  scope: kinds.map((kind) => ({ kind })),
});

describe('checkAccountShape (S07, S09)', () => {
  it.each([
    ['system admin without scope', shape('system_admin', []), 0],
    ['audit admin given a region', shape('audit_admin', ['region']), 1],
    ['province office with all', shape('province_office', ['all']), 0],
    ['county authority with all', shape('county_authority', ['all']), 1],
    ['county authority with a region', shape('county_authority', ['region']), 0],
    ['support staff with self and an institution', shape('support_staff', ['self'], 'inst'), 0],
    ['support staff without an institution', shape('support_staff', ['self']), 1],
    ['support staff with a region', shape('support_staff', ['region'], 'inst'), 1],
    ['prefecture authority with no scope', shape('prefecture_authority', []), 1],
    ['recipient admin with self', shape('recipient_admin', ['self'], 'inst'), 1],
  ])('%s → %i problem(s)', (_, input, n) => {
    const problems = checkAccountShape(input);
    expect(problems).toHaveLength(n);
    for (const p of problems) expect(p).toMatch(/[\u4e00-\u9fa5]/);
  });
});
