import { inArray } from 'drizzle-orm';
import { type Crs, convertPoint, type LatLng } from '../../shared/geo';
import type { Executor } from '../db/client';
import { countyContacts, departments, geofences, institutions, users } from '../db/schema';

/**
 * The demo province's geofences, departments and county contacts, seeded with the demo
 * institutions (inside `seedDemo`'s transaction). Coordinates are plausible, not surveyed:
 * each institution sits near its city or county seat (WGS-84, from public maps), spread a
 * few hundred metres apart. Some are stored as entered from 高德 (GCJ-02) or 百度 (BD-09),
 * the way an office would copy them, so the demo shows the conversion.
 */

/** City and county seats, WGS-84 [lat, lng], by the region code the institutions use. */
const SEATS: Readonly<Record<string, readonly [number, number]>> = {
  '510000': [30.6508, 104.0605], // 成都 (province-level institutions)
  '510100': [30.6598, 104.0633],
  '510300': [29.3392, 104.7784], // 自贡
  '510400': [26.5823, 101.7186], // 攀枝花
  '510500': [28.8717, 105.4424], // 泸州
  '510600': [31.127, 104.3979], // 德阳
  '510700': [31.4677, 104.6794], // 绵阳
  '510800': [32.4354, 105.8434], // 广元
  '510900': [30.5329, 105.5931], // 遂宁
  '511100': [29.5521, 103.766], // 乐山
  '511300': [30.8373, 106.1106], // 南充
  '511500': [28.7518, 104.643], // 宜宾
  '511700': [31.209, 107.468], // 达州
  '511800': [29.9806, 103.0133], // 雅安
  '513200': [31.899, 102.2215], // 马尔康 (阿坝州)
  '513300': [30.0498, 101.9633], // 康定 (甘孜州)
  '513400': [27.8947, 102.2643], // 西昌 (凉山州)
  '330100': [30.2741, 120.1551], // 杭州
  '440100': [23.1291, 113.2644], // 广州
  // 凉山
  '513422': [27.9287, 101.2801], // 木里
  '513423': [27.422, 101.509], // 盐源
  '513428': [27.3765, 102.5413], // 普格
  '513429': [27.7114, 102.8117], // 布拖
  '513430': [27.6962, 103.248], // 金阳
  '513431': [28.0112, 102.8425], // 昭觉
  '513432': [28.3063, 102.4128], // 喜德
  '513434': [28.6397, 102.5078], // 越西
  '513435': [28.977, 102.7718], // 甘洛
  '513436': [28.3282, 103.1316], // 美姑
  '513437': [28.263, 103.5711], // 雷波
  // 乐山
  '511113': [29.2449, 103.078], // 金口河
  '511132': [29.2302, 103.2622], // 峨边
  '511133': [28.8352, 103.546], // 马边
  // 甘孜
  '513301': [30.002, 101.9572],
  '513322': [29.9149, 102.2345],
  '513323': [30.8782, 101.8903],
  '513324': [29.0006, 101.5069],
  '513325': [30.0316, 101.0148],
  '513326': [30.979, 101.1249],
  '513327': [31.3918, 100.6768],
  '513328': [31.6222, 99.9918],
  '513329': [30.9392, 100.3117],
  '513330': [31.8061, 98.5799],
  '513331': [31.2089, 98.8248],
  '513332': [32.9755, 98.1003],
  '513333': [32.2683, 100.3323],
  '513334': [29.9964, 100.2699],
  '513335': [30.0053, 99.1099],
  '513336': [28.9302, 99.7991],
  '513337': [29.0371, 100.2977],
  '513338': [28.713, 99.2867],
  // 阿坝
  '513201': [31.905, 102.207],
  '513221': [31.477, 103.5898],
  '513222': [31.436, 103.165],
  '513223': [31.6818, 103.8534],
  '513224': [32.6552, 103.5992],
  '513225': [33.262, 104.2368],
  '513226': [31.4762, 102.0637],
  '513227': [30.999, 102.363],
  '513228': [32.062, 102.9903],
  '513230': [32.2648, 100.9786],
  '513231': [32.9021, 101.7063],
  '513232': [33.576, 102.963],
  '513233': [32.7899, 102.545],
};

/** Institutions placed by their own point rather than near the seat (towns, a village, a second campus). */
const POINTS: Readonly<Record<string, readonly (readonly [string, number, number])[]>> = {
  四川大学华西医院: [
    ['本部（国学巷）', 30.6423, 104.0631],
    ['温江院区', 30.7027, 103.8397],
  ],
  四川省人民医院: [['本部', 30.6627, 104.0402]],
  昭觉县人民医院: [['院区', 28.0118, 102.845]],
  昭觉县竹核镇中心卫生院: [['院区', 28.0872, 102.7342]],
  昭觉县四开镇卫生院: [['院区', 27.956, 102.896]],
  昭觉县谷曲镇卫生院: [['院区', 28.129, 102.958]],
  昭觉县竹核镇尔古村卫生室: [['村卫生室', 28.0935, 102.7195]],
  布拖县拖觉镇中心卫生院: [['院区', 27.7905, 102.901]],
  美姑县牛牛坝镇中心卫生院: [['院区', 28.252, 103.0705]],
  石渠县洛须镇中心卫生院: [['院区', 32.233, 98.429]],
  马边彝族自治县荣丁镇中心卫生院: [['院区', 28.968, 103.632]],
  色达县洛若镇卫生院: [['院区', 32.201, 100.431]],
};

/** Prefectures whose offices copy points from 高德 (GCJ-02) or 百度 (BD-09); the rest use WGS-84 (GPS). */
function enteredIn(regionCode: string): Crs {
  if (regionCode.startsWith('5134') || regionCode.startsWith('5101')) return 'gcj02';
  if (regionCode.startsWith('5111')) return 'bd09';
  return 'wgs84';
}

function radiusFor(tier: string): number {
  if (tier === 'village') return 100;
  if (tier === 'township' || tier === 'central_township') return 300;
  if (tier === 'province') return 800;
  return 500;
}

/** The k-th institution near a seat: a sunflower spiral, about 350 m × √k out. */
function nearSeat(seat: readonly [number, number], k: number): LatLng {
  if (k === 0) return { lat: seat[0], lng: seat[1] };
  const metres = 350 * Math.sqrt(k);
  const angle = (k * 137.5 * Math.PI) / 180;
  const lat = seat[0] + (metres * Math.cos(angle)) / 111_195;
  const lng = seat[1] + (metres * Math.sin(angle)) / (111_195 * Math.cos((seat[0] * Math.PI) / 180));
  return { lat, lng };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** 县医院 departments; 重点科室 are those the programme builds first (P08, P14). */
const COUNTY_HOSPITAL_DEPARTMENTS: readonly [string, boolean][] = [
  ['内科', true],
  ['外科', true],
  ['妇产科', true],
  ['儿科', true],
  ['急诊科', true],
  ['麻醉科', true],
  ['重症医学科', false],
  ['检验科', false],
  ['放射科', false],
  ['超声科', false],
  ['中医科', false],
  ['感染性疾病科', false],
  ['眼耳鼻喉科', false],
  ['口腔科', false],
  ['康复医学科', false],
];

const COUNTY_TCM_DEPARTMENTS: readonly [string, boolean][] = [
  ['中医内科', true],
  ['针灸推拿科', true],
  ['骨伤科', true],
  ['中医妇科', false],
  ['康复科', false],
  ['药剂科', false],
];

/** Contacts of a few deep-poverty counties (示例): a province-office leader and a liaison each. */
const CONTACTS: readonly {
  county: string;
  leader: { name: string; title: string; account?: 'province_office' };
  liaison: { name: string; title: string; account?: 'county_liaison' };
}[] = [
  {
    county: '513431', // 昭觉
    leader: { name: '张伟', title: '省对口支援管理办公室（示例）', account: 'province_office' },
    liaison: { name: '王强', title: '省卫生健康委员会监督执法总队（示例）', account: 'county_liaison' },
  },
  {
    county: '513429', // 布拖
    leader: { name: '张伟', title: '省对口支援管理办公室（示例）', account: 'province_office' },
    liaison: { name: '李海涛', title: '省卫生健康委员会监督执法总队（示例）' },
  },
  {
    county: '513436', // 美姑
    leader: { name: '刘建国', title: '省卫生健康委员会副主任（示例）' },
    liaison: { name: '陈晓东', title: '省卫生健康委员会监督执法总队（示例）' },
  },
  {
    county: '513332', // 石渠
    leader: { name: '刘建国', title: '省卫生健康委员会副主任（示例）' },
    liaison: { name: '泽仁多吉', title: '省卫生健康委员会监督执法总队（示例）' },
  },
];

export async function seedDemoGeofences(tx: Executor, now: Date): Promise<void> {
  const rows = await tx
    .select({
      id: institutions.id,
      name: institutions.name,
      regionCode: institutions.regionCode,
      tier: institutions.tier,
      category: institutions.category,
    })
    .from(institutions)
    .orderBy(institutions.regionCode, institutions.name);

  const placed = new Map<string, number>();
  const fenceRows: (typeof geofences.$inferInsert)[] = [];
  for (const inst of rows) {
    const own = POINTS[inst.name];
    let points: (readonly [string, number, number])[];
    if (own) points = [...own];
    else {
      const seat = SEATS[inst.regionCode];
      if (!seat) continue;
      const k = placed.get(inst.regionCode) ?? 0;
      placed.set(inst.regionCode, k + 1);
      const p = nearSeat(seat, k);
      points = [['院区', p.lat, p.lng]];
    }
    const crs = enteredIn(inst.regionCode);
    for (const [i, [name, lat, lng]] of points.entries()) {
      const raw = convertPoint({ lat, lng }, 'wgs84', crs);
      const entered = { lat: round6(raw.lat), lng: round6(raw.lng) };
      const wgs = convertPoint(entered, crs, 'wgs84');
      fenceRows.push({
        institutionId: inst.id,
        name,
        crs,
        lat: entered.lat,
        lng: entered.lng,
        latWgs84: wgs.lat,
        lngWgs84: wgs.lng,
        radiusM: radiusFor(inst.tier),
        createdAt: new Date(now.getTime() + i),
      });
    }
  }
  if (fenceRows.length) await tx.insert(geofences).values(fenceRows);

  const departmentRows = rows.flatMap((inst) => {
    if (inst.tier !== 'county') return [];
    const list =
      inst.category === 'medical'
        ? COUNTY_HOSPITAL_DEPARTMENTS
        : inst.category === 'tcm'
          ? COUNTY_TCM_DEPARTMENTS
          : [];
    return list.map(([name, isMain], sort) => ({ institutionId: inst.id, name, isMain, sort }));
  });
  if (departmentRows.length) await tx.insert(departments).values(departmentRows);

  const accounts = await tx
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(inArray(users.role, ['province_office', 'county_liaison']));
  const accountOf = (role: string | undefined) =>
    role ? (accounts.find((a) => a.role === role)?.id ?? null) : null;
  await tx.insert(countyContacts).values(
    CONTACTS.flatMap((c) => [
      {
        regionCode: c.county,
        kind: 'contact_leader' as const,
        name: c.leader.name,
        title: c.leader.title,
        userId: accountOf(c.leader.account),
        validFrom: '2018-03-01',
        createdAt: now,
      },
      {
        regionCode: c.county,
        kind: 'liaison' as const,
        name: c.liaison.name,
        title: c.liaison.title,
        userId: accountOf(c.liaison.account),
        validFrom: '2018-03-01',
        createdAt: now,
      },
    ]),
  );
}
