import { eq, inArray } from 'drizzle-orm';
import type { PairingMode, Violation } from '../../shared/contracts/pairing';
import { SICHUAN_2017_172 } from '../../shared/policy';
import type { PolicyPack } from '../../shared/policy/schema';
import type { Tx } from '../db/client';
import { institutions, pairingChanges, pairings, policyPackVersions, programmes, users } from '../db/schema';
import { regionFlags } from '../modules/org/org.facts';
import { activePairingsOfRecipient } from '../modules/pairing/pairing.repo';
import {
  checkPairingLimits,
  checkRecipientEligible,
  classify,
  isDeepPoverty,
} from '../modules/pairing/pairing.rules';
import { type DemoApproval, type DemoException, seedDemoApprovals } from './demo-workflow';

/**
 * Demo programmes and pairings (DOMAIN.md "Demo data"): the Sichuan 传帮带 programme of
 * 2018—2020 under the 172号 pack, and a 组团式 programme from 2022 under the same pack with
 * its scope and period adapted. Pairings are example data (示例) between the demo
 * institutions, modelled on how the province paired them (province and prefecture
 * hospitals → deep-poverty county institutions, east–west cooperation partners → 凉山,
 * 甘孜), not the official list. Each is judged by the same P01/P02 rules as the API, so the
 * demo holds no pairing the rules would refuse, and its few deviations are recorded as
 * exceptions with their reasons, each at a different point of its approval (demo-workflow.ts).
 */

const CBD = {
  code: 'sichuan-cbd-2018',
  name: '四川省城乡医疗卫生对口支援“传帮带”工程',
  periodStart: '2018-01-01',
  periodEnd: '2020-12-31',
  description:
    '依据川卫发〔2017〕172号，面向88个贫困县及三州州级医疗卫生机构，按调整后的对口支援关系自2018年1月1日起实施，2020年底前无特殊情况不作调整。（示例数据）',
};

const TEAM = {
  code: 'sichuan-team-2022',
  name: '医疗人才“组团式”帮扶',
  periodStart: '2022-01-01',
  periodEnd: null,
  description:
    '巩固拓展脱贫攻坚成果同乡村振兴有效衔接期间，省级医院向国家乡村振兴重点帮扶县县级医院组团派驻医疗人才。政策包沿用川卫发〔2017〕172号并调整实施范围与期限。（示例数据）',
};

/** The 172号 pack adapted to the 2022 team programme: scope is the 2021 flags, no end date. */
export const TEAM_2022_PACK: PolicyPack = {
  ...SICHUAN_2017_172,
  code: 'sichuan-team-2022',
  name: '四川省医疗人才“组团式”帮扶（2022— ，示例）',
  rules: {
    ...SICHUAN_2017_172.rules,
    P01: {
      ...SICHUAN_2017_172.rules.P01,
      text: '实施范围为国家乡村振兴重点帮扶县、脱贫县各级医疗卫生机构及阿坝、甘孜、凉山州州级医疗卫生机构；自2022年1月1日起实施，不设结束日期。（示例：据川卫发〔2017〕172号调整）',
      params: {
        ...SICHUAN_2017_172.rules.P01.params,
        periodStart: '2022-01-01',
        periodEnd: null,
        recipientFlags: ['key_revitalisation', 'lifted_poverty'],
        povertyCountyCount: null,
      },
    },
    P02: {
      ...SICHUAN_2017_172.rules.P02,
      text: '原则上五类机构一对一帮扶，重点帮扶县可适当增加帮扶机构；“组团式”帮扶按设计增加帮扶团队；帮扶期内无特殊情况不作调整。（示例）',
    },
  },
};

type Demo = {
  supporter: string;
  recipient: string;
  mode?: PairingMode;
  departments?: string[];
  start?: string;
  end?: string | null;
  exceptionReason?: string;
  /** how far the exception's approval has gone (required with an exception reason) */
  approval?: DemoApproval;
};

const SPPH = '四川省人民医院';
const WCH = '四川大学华西医院';
const WCH2 = '四川大学华西第二医院';
const SMCH = '四川省妇幼保健院';
const STCM = '四川省中医医院（成都中医药大学附属医院）';
const SCDC = '四川省疾病预防控制中心';

/** 传帮带 2018—2020: one-to-one unless a mode is given. */
const CBD_PAIRINGS: Demo[] = [
  // 凉山 — county hospitals
  { supporter: SPPH, recipient: '昭觉县人民医院' },
  { supporter: WCH, recipient: '昭觉县人民医院', mode: 'team' },
  {
    supporter: '四川大学华西口腔医院',
    recipient: '昭觉县人民医院',
    mode: 'hospital_department',
    departments: ['口腔科'],
  },
  { supporter: '成都市第一人民医院', recipient: '布拖县人民医院' },
  { supporter: WCH, recipient: '布拖县人民医院', mode: 'team' },
  {
    supporter: '四川省肿瘤医院',
    recipient: '布拖县人民医院',
    mode: 'hospital_department',
    departments: ['肿瘤科', '病理科'],
  },
  { supporter: '成都市第二人民医院', recipient: '美姑县人民医院' },
  { supporter: WCH, recipient: '美姑县人民医院', mode: 'team' },
  { supporter: '成都市第三人民医院', recipient: '喜德县人民医院' },
  { supporter: '德阳市人民医院', recipient: '越西县人民医院' },
  { supporter: '浙江大学医学院附属第一医院', recipient: '金阳县人民医院' },
  { supporter: '浙江省人民医院', recipient: '普格县人民医院' },
  { supporter: '宜宾市第一人民医院', recipient: '雷波县人民医院' },
  { supporter: '攀枝花市中心医院', recipient: '盐源县人民医院' },
  { supporter: '雅安市人民医院', recipient: '甘洛县人民医院' },
  { supporter: '凉山彝族自治州第一人民医院', recipient: '木里藏族自治县人民医院' },
  // 凉山 — a deep-poverty county may have a second one-to-one supporter (DOMAIN P02)
  { supporter: '凉山彝族自治州第二人民医院', recipient: '昭觉县人民医院' },
  // 乐山
  { supporter: '乐山市人民医院', recipient: '马边彝族自治县人民医院' },
  { supporter: '自贡市第一人民医院', recipient: '峨边彝族自治县人民医院' },
  { supporter: '南充市中心医院', recipient: '乐山市金口河区人民医院' },
  // 甘孜
  { supporter: SPPH, recipient: '康定市人民医院' },
  { supporter: '成都市第一人民医院', recipient: '泸定县人民医院' },
  { supporter: '绵阳市中心医院', recipient: '丹巴县人民医院' },
  { supporter: '攀枝花市中心医院', recipient: '九龙县人民医院' },
  { supporter: '成都市第二人民医院', recipient: '雅江县人民医院' },
  { supporter: '遂宁市中心医院', recipient: '道孚县人民医院' },
  { supporter: '成都市第三人民医院', recipient: '炉霍县人民医院' },
  { supporter: WCH, recipient: '甘孜县人民医院', mode: 'team' },
  { supporter: '西南医科大学附属医院', recipient: '新龙县人民医院' },
  { supporter: WCH, recipient: '德格县人民医院', mode: 'team' },
  { supporter: '甘孜藏族自治州人民医院', recipient: '德格县人民医院' },
  { supporter: '自贡市第一人民医院', recipient: '白玉县人民医院' },
  { supporter: WCH, recipient: '石渠县人民医院', mode: 'team' },
  { supporter: '甘孜藏族自治州人民医院', recipient: '石渠县人民医院' },
  { supporter: '德阳市人民医院', recipient: '色达县人民医院' },
  { supporter: '广东省人民医院', recipient: '理塘县人民医院' },
  { supporter: '宜宾市第一人民医院', recipient: '巴塘县人民医院' },
  { supporter: '乐山市人民医院', recipient: '乡城县人民医院' },
  // 稻城、得荣: not yet paired in the demo (the overview lists them as not covered)
  // 阿坝
  { supporter: '阿坝藏族羌族自治州人民医院', recipient: '马尔康市人民医院' },
  { supporter: '川北医学院附属医院', recipient: '汶川县人民医院' },
  { supporter: '绵阳市第三人民医院', recipient: '理县人民医院' },
  { supporter: '绵阳市中心医院', recipient: '茂县人民医院' },
  { supporter: '德阳市人民医院', recipient: '松潘县人民医院' },
  { supporter: '广元市中心医院', recipient: '九寨沟县人民医院' },
  { supporter: '遂宁市中心医院', recipient: '金川县人民医院' },
  { supporter: '达州市中心医院', recipient: '小金县人民医院' },
  { supporter: '南充市中心医院', recipient: '黑水县人民医院' },
  { supporter: '浙江省人民医院', recipient: '若尔盖县人民医院' },
  { supporter: '西南医科大学附属医院', recipient: '阿坝县人民医院' },
  // 壤塘、红原: not yet paired in the demo
  // maternal and child health
  { supporter: SMCH, recipient: '昭觉县妇幼保健计划生育服务中心' },
  { supporter: SMCH, recipient: '布拖县妇幼保健计划生育服务中心' },
  { supporter: SMCH, recipient: '美姑县妇幼保健计划生育服务中心' },
  { supporter: WCH2, recipient: '喜德县妇幼保健计划生育服务中心' },
  { supporter: WCH2, recipient: '马边彝族自治县妇幼保健计划生育服务中心' },
  { supporter: '绵阳市妇幼保健院', recipient: '峨边彝族自治县妇幼保健计划生育服务中心' },
  { supporter: '成都市妇女儿童中心医院', recipient: '石渠县妇幼保健计划生育服务中心' },
  { supporter: '成都市妇女儿童中心医院', recipient: '红原县妇幼保健计划生育服务中心' },
  // TCM and Tibetan medicine
  { supporter: STCM, recipient: '昭觉县中医医院' },
  { supporter: STCM, recipient: '美姑县中医医院' },
  { supporter: '西南医科大学附属中医医院', recipient: '越西县中医医院' },
  { supporter: '四川省第二中医医院', recipient: '马边彝族自治县中医医院' },
  { supporter: '甘孜藏族自治州藏医院', recipient: '色达县藏医院' },
  { supporter: '甘孜藏族自治州藏医院', recipient: '石渠县藏医院' },
  { supporter: '四川省骨科医院', recipient: '德格县藏医院' },
  { supporter: '四川省中西医结合医院', recipient: '理塘县藏医院' },
  { supporter: '绵阳市中医医院', recipient: '甘孜县藏医院' },
  { supporter: '阿坝藏族羌族自治州藏医院', recipient: '壤塘县藏医院' },
  { supporter: '阿坝藏族羌族自治州藏医院', recipient: '若尔盖县藏医院' },
  { supporter: STCM, recipient: '阿坝县藏医院' },
  // CDC and supervision
  { supporter: SCDC, recipient: '昭觉县疾病预防控制中心' },
  { supporter: SCDC, recipient: '布拖县疾病预防控制中心' },
  { supporter: '凉山彝族自治州疾病预防控制中心', recipient: '金阳县疾病预防控制中心' },
  { supporter: '成都市疾病预防控制中心', recipient: '理塘县疾病预防控制中心' },
  { supporter: '绵阳市疾病预防控制中心', recipient: '色达县疾病预防控制中心' },
  { supporter: '成都市卫生健康监督执法支队', recipient: '昭觉县卫生监督执法大队' },
  { supporter: '凉山彝族自治州卫生监督所', recipient: '峨边彝族自治县卫生监督执法大队' },
  // township hospitals
  { supporter: '凉山彝族自治州第二人民医院', recipient: '昭觉县竹核镇中心卫生院' },
  { supporter: '凉山彝族自治州第二人民医院', recipient: '布拖县拖觉镇中心卫生院' },
  { supporter: '甘孜藏族自治州人民医院', recipient: '石渠县洛须镇中心卫生院' },
  // prefecture-level institutions of the three prefectures (P01)
  { supporter: WCH, recipient: '凉山彝族自治州第一人民医院' },
  { supporter: SPPH, recipient: '甘孜藏族自治州人民医院' },
  { supporter: WCH, recipient: '阿坝藏族羌族自治州人民医院' },
  { supporter: WCH2, recipient: '凉山彝族自治州妇幼保健计划生育服务中心' },
  { supporter: STCM, recipient: '甘孜藏族自治州藏医院' },
  { supporter: SCDC, recipient: '凉山彝族自治州疾病预防控制中心' },
  // Deviations: a second one-to-one supporter of the same category for a recipient outside
  // the deep-poverty counties, saved as exceptions with their reasons (P02) and sent for approval.
  {
    supporter: '浙江大学医学院附属第一医院',
    recipient: '凉山彝族自治州第一人民医院',
    exceptionReason:
      '东西部扶贫协作：浙江省对口帮扶凉山州，浙大一院重点帮扶州第一人民医院创建胸痛、卒中中心，经州卫健委申请增加为第二家一对一支援医院（示例）',
    approval: 'pending',
  },
  {
    supporter: '四川省第二中医医院',
    recipient: '甘孜藏族自治州藏医院',
    exceptionReason:
      '甘孜州藏医院创建三级甲等民族医医院，中医、藏医协同发展，经州卫健委申请增加省第二中医医院为第二家一对一支援医院（示例）',
    approval: 'countersign',
  },
  {
    supporter: '成都市第一人民医院',
    recipient: '阿坝藏族羌族自治州人民医院',
    exceptionReason:
      '阿坝州人民医院新院区开诊，急诊、重症医学力量不足，申请增加成都市第一人民医院支援（示例）',
    approval: 'returned',
  },
  {
    supporter: SMCH,
    recipient: '凉山彝族自治州妇幼保健计划生育服务中心',
    exceptionReason:
      '凉山州危重孕产妇救治任务重，省妇幼保健院牵头建设危重孕产妇救治中心，与华西第二医院分工协作（示例）',
    approval: 'approved',
  },
];

const TEAM_PERIOD = { start: '2022-01-01', end: '2024-12-31' };
const TEAM_ROUND_2 = { start: '2025-01-01', end: null };

/** 组团式 2022—2024 and the round from 2025: province hospitals send teams to the 凉山 重点帮扶县 hospitals. */
const TEAM_PAIRINGS: Demo[] = [
  { supporter: WCH, recipient: '昭觉县人民医院', mode: 'team', ...TEAM_PERIOD },
  { supporter: WCH, recipient: '布拖县人民医院', mode: 'team', ...TEAM_PERIOD },
  { supporter: WCH, recipient: '美姑县人民医院', mode: 'team', ...TEAM_PERIOD },
  { supporter: WCH, recipient: '金阳县人民医院', mode: 'team', ...TEAM_PERIOD },
  { supporter: SPPH, recipient: '越西县人民医院', mode: 'team', ...TEAM_PERIOD },
  { supporter: SPPH, recipient: '喜德县人民医院', mode: 'team', ...TEAM_PERIOD },
  { supporter: '四川省肿瘤医院', recipient: '普格县人民医院', mode: 'team', ...TEAM_PERIOD },
  { supporter: SMCH, recipient: '昭觉县妇幼保健计划生育服务中心', ...TEAM_PERIOD },
  // The second round, still running, so the demo has staff on duty today (考勤, issue 7).
  { supporter: SPPH, recipient: '昭觉县人民医院', mode: 'team', ...TEAM_ROUND_2 },
  { supporter: SPPH, recipient: '喜德县人民医院', mode: 'team', ...TEAM_ROUND_2 },
];

/**
 * Seed the demo programmes and pairings inside the demo transaction (after institutions,
 * county flags and accounts). Throws if a demo pairing breaks a rule it does not record
 * as an exception, so the demo never shows data the platform itself would refuse.
 */
export async function seedDemoProgrammes(tx: Tx, now: Date): Promise<void> {
  // The office account that submits; its colleague `province_lead` approves (S09).
  const [office] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'province'));
  const createdBy = office?.id ?? null;
  const exceptions: DemoException[] = [];
  const names = [...new Set([...CBD_PAIRINGS, ...TEAM_PAIRINGS].flatMap((p) => [p.supporter, p.recipient]))];
  const rows = await tx.select().from(institutions).where(inArray(institutions.name, names));
  const byName = new Map(rows.map((r) => [r.name, r]));
  const institution = (name: string) => {
    const found = byName.get(name);
    if (!found) throw new Error(`演示数据：找不到机构 ${name}`);
    return found;
  };

  const programmeSpecs = [
    { ...CBD, pack: SICHUAN_2017_172, effectiveFrom: '2018-01-01', pairings: CBD_PAIRINGS },
    { ...TEAM, pack: TEAM_2022_PACK, effectiveFrom: '2022-01-01', pairings: TEAM_PAIRINGS },
  ];
  for (const spec of programmeSpecs) {
    const [programme] = await tx
      .insert(programmes)
      .values({
        code: spec.code,
        name: spec.name,
        regionCode: '510000',
        periodStart: spec.periodStart,
        periodEnd: spec.periodEnd,
        description: spec.description,
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: programmes.id });
    const programmeId = programme!.id;
    await tx.insert(policyPackVersions).values({
      programmeId,
      version: 1,
      effectiveFrom: spec.effectiveFrom,
      pack: spec.pack,
      note: `初始版本：${spec.pack.name}（示例）`,
      createdBy,
      createdAt: now,
    });

    for (const demo of spec.pairings) {
      const supporter = institution(demo.supporter);
      const recipient = institution(demo.recipient);
      const mode = demo.mode ?? 'one_to_one';
      const start = demo.start ?? spec.periodStart;
      const end = demo.end === undefined ? spec.periodEnd : demo.end;
      const flags = await regionFlags(tx, recipient.regionCode);
      const existing = await activePairingsOfRecipient(tx, {
        programmeId,
        recipientId: recipient.id,
        start,
        end,
      });
      const violations: Violation[] = [
        ...checkRecipientEligible(
          spec.pack.rules.P01,
          { ...recipient, regionName: recipient.regionCode, flags },
          { start, end },
          start,
        ),
        ...checkPairingLimits(
          spec.pack.rules.P02,
          {
            supportingInstitutionId: supporter.id,
            supportingName: supporter.name,
            category: supporter.category,
            mode,
            recipientName: recipient.name,
          },
          existing,
          isDeepPoverty(flags, start),
        ),
      ];
      const { blocking, deviations } = classify(violations);
      if (
        blocking.length ||
        deviations.length > 0 !== Boolean(demo.exceptionReason) ||
        Boolean(demo.exceptionReason) !== Boolean(demo.approval)
      )
        throw new Error(
          `演示数据：${supporter.name} → ${recipient.name} 与规则不符：${violations.map((v) => v.message).join('；') || '未违反规则却标为例外'}`,
        );
      const exception = demo.exceptionReason
        ? {
            exceptionStatus: 'pending' as const,
            exceptionReason: demo.exceptionReason,
            deviations: [...new Set(deviations.map((v) => v.rule))],
          }
        : { exceptionStatus: 'none' as const, exceptionReason: null, deviations: [] };
      const departments = demo.departments ?? [];
      const [pairing] = await tx
        .insert(pairings)
        .values({
          programmeId,
          supportingInstitutionId: supporter.id,
          recipientInstitutionId: recipient.id,
          mode,
          departments,
          periodStart: start,
          periodEnd: end,
          ...exception,
          createdBy,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: pairings.id });
      const after: Record<string, unknown> = {
        supportingInstitution: supporter.name,
        recipientInstitution: recipient.name,
        mode,
        departments,
        periodStart: start,
        periodEnd: end,
        status: 'active',
        ...exception,
      };
      await tx.insert(pairingChanges).values({
        pairingId: pairing!.id,
        at: now,
        actorId: createdBy,
        change: {
          kind: 'create',
          diff: Object.fromEntries(
            Object.entries(after)
              .filter(([, to]) => to !== null)
              .map(([k, to]) => [k, { from: null, to }]),
          ),
          policyVersion: 1,
          violations,
        },
        reason: exception.exceptionReason ?? '演示数据：按调整后的对口支援关系建立',
      });
      if (demo.approval && exception.exceptionReason)
        exceptions.push({
          pairingId: pairing!.id,
          programmeId,
          programmeName: spec.name,
          supporter,
          recipient,
          mode,
          periodStart: start,
          periodEnd: end,
          reason: exception.exceptionReason,
          violations: deviations,
          approval: demo.approval,
        });
    }
  }
  await seedDemoApprovals(tx, now, exceptions);
}
