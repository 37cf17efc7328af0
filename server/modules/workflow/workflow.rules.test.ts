import { describe, expect, it } from 'vitest';
import type { ChainStep } from '../../../shared/contracts/workflow';
import type { RegionLevel } from '../../../shared/enums';
import type { ScopeNode } from '../../platform/context';
import { DEFAULT_CHAINS } from '../../seed/workflow-chains';
import {
  applicableSteps,
  chainProblems,
  covers,
  type DocState,
  decisionCapacity,
  delegationActive,
  dueAt,
  isColleague,
  isOverdue,
  judgedSides,
  mayResubmit,
  mayWithdraw,
  type ScopeHolder,
} from './workflow.rules';

const ZHAOJUE = '/000000/510000/513400/513431/';
const BUTUO = '/000000/510000/513400/513429/';
const CHENGDU = '/000000/510000/510100/';

const region = (code: string, path: string): ScopeNode => ({
  kind: 'region',
  regionCode: code,
  regionPath: path,
  institutionId: null,
  name: '',
});
const institution = (id: string): ScopeNode => ({
  kind: 'institution',
  regionCode: null,
  regionPath: null,
  institutionId: id,
  name: '',
});
const ALL: ScopeNode = { kind: 'all', regionCode: null, regionPath: null, institutionId: null, name: '' };

const holder = (
  id: string,
  role: ScopeHolder['role'],
  scope: ScopeNode[],
  institutionId: string | null = null,
) => ({
  id,
  role,
  institutionId,
  scope,
});

const zhaojueHospital = { institutionId: 'zj-hosp', regionPath: ZHAOJUE };
const spph = { institutionId: 'spph', regionPath: '/000000/510000/' };

const step = (role: ChainStep['role'], tcmOnly = false): ChainStep => ({
  role,
  label: role,
  deadlineDays: 5,
  tcmOnly,
});

const doc = (over: Partial<DocState> = {}): DocState => ({
  status: 'pending',
  steps: [step('county_authority'), step('prefecture_authority'), step('province_office')],
  currentStep: 0,
  submittedBy: 'submitter',
  institution: zhaojueHospital,
  counterpart: spph,
  ...over,
});

describe('judgedSides: which side of a document a step role answers for', () => {
  it.each<[ChainStep['role'], string[]]>([
    ['county_authority', ['institution']],
    ['prefecture_authority', ['institution']],
    ['county_liaison', ['institution']],
    ['recipient_admin', ['institution']],
    ['supporting_admin', ['counterpart']],
    ['province_office', ['institution', 'counterpart']],
    ['tcm_bureau', ['institution', 'counterpart']],
  ])('%s judges %j', (role, sides) => {
    expect(judgedSides(role)).toEqual(sides);
  });
});

describe('applicableSteps: TCM-only steps and authorities the institution has above it', () => {
  const dispatch = DEFAULT_CHAINS.dispatch;
  const roles = (tcm: boolean, level: RegionLevel) =>
    applicableSteps(dispatch, { tcm, institutionLevel: level }).map((s) => s.role);
  it.each<[string, boolean, RegionLevel, string[]]>([
    [
      'a county hospital, not TCM',
      false,
      'county',
      ['county_authority', 'prefecture_authority', 'province_office'],
    ],
    [
      'a county TCM hospital adds the TCM bureau',
      true,
      'county',
      ['county_authority', 'prefecture_authority', 'province_office', 'tcm_bureau'],
    ],
    [
      'a prefecture-level hospital has no county authority above it',
      false,
      'prefecture',
      ['prefecture_authority', 'province_office'],
    ],
    ['a province-level institution: the province only', false, 'province', ['province_office']],
    ['…and the TCM bureau when TCM', true, 'province', ['province_office', 'tcm_bureau']],
  ])('%s', (_, tcm, level, expected) => {
    expect(roles(tcm, level)).toEqual(expected);
  });
});

describe('chainProblems', () => {
  it.each<[string, ChainStep[], number]>([
    ['a usable chain', [step('province_office'), step('tcm_bureau', true)], 0],
    ['only TCM-only steps would leave other documents with none', [step('tcm_bureau', true)], 1],
    ['two steps of one name', [step('province_office'), step('province_office')], 1],
  ])('%s', (_, steps, n) => {
    expect(chainProblems(steps)).toHaveLength(n);
  });
  it('finds every default chain usable', () => {
    for (const steps of Object.values(DEFAULT_CHAINS)) expect(chainProblems(steps)).toEqual([]);
  });
});

describe('dueAt and isOverdue: calendar days, to the end of the last day in Asia/Shanghai', () => {
  it.each([
    [
      'Monday 09:00 + 5 days → Saturday 23:59:59.999',
      '2026-03-02T09:00:00+08:00',
      5,
      '2026-03-07T23:59:59.999+08:00',
    ],
    [
      'just after midnight counts from that day',
      '2026-03-02T00:00:00+08:00',
      1,
      '2026-03-03T23:59:59.999+08:00',
    ],
    [
      'just before midnight too (UTC is still the day before)',
      '2026-03-02T23:59:00+08:00',
      1,
      '2026-03-03T23:59:59.999+08:00',
    ],
    ['across a month end', '2026-02-27T10:00:00+08:00', 3, '2026-03-02T23:59:59.999+08:00'],
  ])('%s', (_, from, days, expected) => {
    expect(dueAt(new Date(from), days).toISOString()).toBe(new Date(expected).toISOString());
  });

  it.each([
    ['no deadline', null, '2030-01-01T00:00:00+08:00', false],
    [
      'the last millisecond of the last day',
      '2026-03-07T23:59:59.999+08:00',
      '2026-03-07T23:59:59.999+08:00',
      false,
    ],
    ['the next day', '2026-03-07T23:59:59.999+08:00', '2026-03-08T00:00:00+08:00', true],
  ])('%s', (_, due, now, expected) => {
    expect(isOverdue(due ? new Date(due) : null, new Date(now))).toBe(expected);
  });
});

describe('covers: the same scope semantics as the SQL filter', () => {
  it.each<[string, ScopeNode[], string | null, boolean]>([
    ['all', [ALL], null, true],
    ['the county itself', [region('513431', ZHAOJUE)], null, true],
    ['its prefecture', [region('513400', '/000000/510000/513400/')], null, true],
    ['a sibling county', [region('513429', BUTUO)], null, false],
    ['the institution itself', [institution('zj-hosp')], null, true],
    ['another institution', [institution('other')], null, false],
    ['self: the holder works there', [{ ...ALL, kind: 'self' }], 'zj-hosp', true],
    ['self: elsewhere', [{ ...ALL, kind: 'self' }], 'spph', false],
    ['no scope', [], null, false],
  ])('%s', (_, scope, institutionId, expected) => {
    expect(covers({ institutionId, scope }, zhaojueHospital)).toBe(expected);
  });
  it('never covers a missing side', () => {
    expect(covers({ institutionId: null, scope: [ALL] }, null)).toBe(false);
  });
});

describe('decisionCapacity: role, judged side, delegation and S09', () => {
  const countyZhaojue = holder('county-zj', 'county_authority', [region('513431', ZHAOJUE)]);
  const countyButuo = holder('county-bt', 'county_authority', [region('513429', BUTUO)]);
  const prefecture = holder('pref', 'prefecture_authority', [region('513400', '/000000/510000/513400/')]);
  const office = holder('office', 'province_office', [ALL]);
  const lead = holder('lead', 'province_office', [ALL]);
  const spphAdmin = holder('spph-admin', 'supporting_admin', [institution('spph')], 'spph');
  const zjAdmin = holder('zj-admin', 'recipient_admin', [institution('zj-hosp')], 'zj-hosp');

  it.each<[string, ScopeHolder, Partial<DocState>, ScopeHolder[], unknown]>([
    [
      'the county authority of the recipient county decides step 1',
      countyZhaojue,
      {},
      [],
      { allowed: true, onBehalfOf: null },
    ],
    [
      'a county authority elsewhere does not',
      countyButuo,
      {},
      [],
      { allowed: false, reason: 'no_authority' },
    ],
    ['the prefecture waits for its own step', prefecture, {}, [], { allowed: false, reason: 'no_authority' }],
    ['…and decides it', prefecture, { currentStep: 1 }, [], { allowed: true, onBehalfOf: null }],
    [
      'the province office decides the last step',
      office,
      { currentStep: 2 },
      [],
      { allowed: true, onBehalfOf: null },
    ],
    [
      'nothing is decided once returned',
      countyZhaojue,
      { status: 'returned' },
      [],
      { allowed: false, reason: 'not_pending' },
    ],
    [
      'nor once approved',
      office,
      { status: 'approved', currentStep: 2 },
      [],
      { allowed: false, reason: 'not_pending' },
    ],
    [
      'a supporting admin judges its own (counterpart) side',
      spphAdmin,
      { steps: [step('supporting_admin')] },
      [],
      { allowed: true, onBehalfOf: null },
    ],
    [
      '…and not the recipient side',
      spphAdmin,
      { steps: [step('supporting_admin')], counterpart: { institutionId: 'other', regionPath: CHENGDU } },
      [],
      { allowed: false, reason: 'no_authority' },
    ],
    [
      'a recipient admin judges the recipient side',
      zjAdmin,
      { steps: [step('recipient_admin')] },
      [],
      { allowed: true, onBehalfOf: null },
    ],
    [
      'the province office judges either side',
      office,
      { steps: [step('province_office')], institution: spph },
      [],
      { allowed: true, onBehalfOf: null },
    ],
    // S09
    [
      'S09: the submitter never decides',
      office,
      { currentStep: 2, submittedBy: 'office' },
      [],
      { allowed: false, reason: 'own_submission' },
    ],
    [
      'S09: …not even through a delegation they hold',
      office,
      { currentStep: 2, submittedBy: 'office' },
      [lead],
      { allowed: false, reason: 'own_submission' },
    ],
    [
      'S09: a delegate does not decide in the submitter’s name',
      countyButuo,
      { submittedBy: 'county-zj' },
      [countyZhaojue],
      { allowed: false, reason: 'own_submission' },
    ],
    // delegation
    [
      'a delegate decides in the delegator’s name, with the delegator’s scope',
      countyButuo,
      {},
      [countyZhaojue],
      { allowed: true, onBehalfOf: 'county-zj' },
    ],
    [
      'own authority comes before a delegation',
      countyZhaojue,
      {},
      [holder('county-zj-2', 'county_authority', [region('513431', ZHAOJUE)])],
      { allowed: true, onBehalfOf: null },
    ],
    [
      'a delegator of another role lends nothing',
      countyButuo,
      { currentStep: 1 },
      [prefecture],
      { allowed: false, reason: 'no_authority' },
    ],
  ])('%s', (_, actor, over, delegators, expected) => {
    expect(decisionCapacity(actor, doc(over), delegators)).toEqual(expected);
  });
});

describe('resubmit and withdraw: the submitter, at the right time', () => {
  it.each<[string, string, DocState['status'], boolean, boolean]>([
    ['the submitter, returned', 'submitter', 'returned', true, true],
    ['the submitter, pending', 'submitter', 'pending', false, true],
    ['the submitter, approved', 'submitter', 'approved', false, false],
    ['the submitter, withdrawn', 'submitter', 'withdrawn', false, false],
    ['someone else, returned', 'other', 'returned', false, false],
  ])('%s', (_, actor, status, resubmit, withdraw) => {
    expect(mayResubmit(actor, { status, submittedBy: 'submitter' })).toBe(resubmit);
    expect(mayWithdraw(actor, { status, submittedBy: 'submitter' })).toBe(withdraw);
  });
});

describe('delegationActive: from the first through the last day, unless revoked', () => {
  const d = { startsOn: '2026-03-02', endsOn: '2026-03-06', revoked: false };
  it.each([
    ['the day before', '2026-03-01', d, false],
    ['the first day', '2026-03-02', d, true],
    ['the last day', '2026-03-06', d, true],
    ['the day after', '2026-03-07', d, false],
    ['revoked', '2026-03-03', { ...d, revoked: true }, false],
  ])('%s', (_, today, delegation, expected) => {
    expect(delegationActive(delegation, today)).toBe(expected);
  });
});

describe('isColleague: whom one may delegate to', () => {
  const zj1 = holder('zj1', 'county_authority', [region('513431', ZHAOJUE)]);
  it.each<[string, ScopeHolder, ScopeHolder, boolean]>([
    [
      'two province-office accounts',
      holder('a', 'province_office', [ALL]),
      holder('b', 'province_office', [region('513400', '/x/')]),
      true,
    ],
    ['the same county authority', zj1, holder('zj2', 'county_authority', [region('513431', ZHAOJUE)]), true],
    ['another county’s authority', zj1, holder('bt', 'county_authority', [region('513429', BUTUO)]), false],
    [
      'another role in the same county',
      zj1,
      holder('li', 'county_liaison', [region('513431', ZHAOJUE)]),
      false,
    ],
    [
      'admins of the same hospital',
      holder('h1', 'recipient_admin', [institution('zj-hosp')], 'zj-hosp'),
      holder('h2', 'recipient_admin', [institution('zj-hosp')], 'zj-hosp'),
      true,
    ],
    [
      'admins of different hospitals',
      holder('h1', 'recipient_admin', [institution('zj-hosp')], 'zj-hosp'),
      holder('h3', 'recipient_admin', [institution('bt-hosp')], 'bt-hosp'),
      false,
    ],
    ['oneself', zj1, zj1, false],
  ])('%s', (_, a, b, expected) => {
    expect(isColleague(a, b)).toBe(expected);
  });
});
