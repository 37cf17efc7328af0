import { describe, expect, it } from 'vitest';
import type { ScopeNode } from '../../platform/context';
import { changedFields, flagOverlap, planChildren, regionWithinScope } from './org.rules';

const standing = {
  id: 'a',
  flag: 'deep_poverty' as const,
  validFrom: '2017-01-01',
  validTo: '2020-12-31',
  withdrawnAt: null,
};

describe('flagOverlap', () => {
  it.each([
    ['a period ending the day before', { validFrom: '2015-01-01', validTo: '2016-12-31' }, false],
    ['a period ending on the first day', { validFrom: '2015-01-01', validTo: '2017-01-01' }, true],
    ['a period starting on the last day', { validFrom: '2020-12-31', validTo: null }, true],
    ['a period starting the day after', { validFrom: '2021-01-01', validTo: null }, false],
    ['an open period starting before', { validFrom: '2010-01-01', validTo: null }, true],
  ])('%s', (_, period, clash) => {
    expect(flagOverlap([standing], { flag: 'deep_poverty', ...period }) !== null).toBe(clash);
  });

  it('ignores other flags and withdrawn ones', () => {
    const p = { validFrom: '2018-01-01', validTo: null };
    expect(flagOverlap([standing], { flag: 'ethnic', ...p })).toBeNull();
    expect(
      flagOverlap([{ ...standing, withdrawnAt: new Date() }], { flag: 'deep_poverty', ...p }),
    ).toBeNull();
  });

  it('names the standing period in Chinese', () => {
    expect(
      flagOverlap([{ ...standing, validTo: null }], {
        flag: 'deep_poverty',
        validFrom: '2030-01-01',
        validTo: null,
      }),
    ).toBe('与已有的“深度贫困县”（2017-01-01 起）有效期重叠；如原记录有误，请先撤回');
  });
});

describe('planChildren', () => {
  it('keeps listed ids, adds rows without one, removes the unlisted, reports foreign ids', () => {
    const plan = planChildren(['a', 'b', 'c'], [{ id: 'a', n: 1 }, { n: 2 }, { id: 'x', n: 3 }]);
    expect(plan).toEqual({
      remove: ['b', 'c'],
      keep: [{ id: 'a', n: 1 }],
      add: [{ n: 2 }],
      unknown: ['x'],
    });
  });
});

describe('regionWithinScope', () => {
  const node = (kind: ScopeNode['kind'], regionPath: string | null = null): ScopeNode => ({
    kind,
    regionPath,
    regionCode: null,
    institutionId: null,
    name: '',
  });
  const zhaojue = '/000000/510000/513400/513431/';
  it.each([
    ['all', [node('all')], true],
    ['its prefecture', [node('region', '/000000/510000/513400/')], true],
    ['itself', [node('region', zhaojue)], true],
    ['another prefecture', [node('region', '/000000/510000/513300/')], false],
    ['an institution only', [node('institution')], false],
    ['nothing', [], false],
  ])('%s', (_, scope, within) => {
    expect(regionWithinScope(scope, zhaojue)).toBe(within);
  });

  it('does not take 513 as a prefix of 5134 (whole path segments)', () => {
    expect(regionWithinScope([node('region', '/000000/510000/51340/')], zhaojue)).toBe(false);
  });
});

describe('changedFields', () => {
  it('lists only the fields whose value changed', () => {
    expect(changedFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', c: null })).toEqual({ b: ['x', 'y'] });
  });
});
