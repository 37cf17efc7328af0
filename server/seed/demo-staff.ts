import { eq, inArray } from 'drizzle-orm';
import type { CreateStaffBody } from '../../shared/contracts/staff';
import type { Gender, TitleSeries } from '../../shared/enums';
import { idCheckChar } from '../../shared/id-number';
import type { Title } from '../../shared/policy/schema';
import type { Tx } from '../db/client';
import { institutions, users } from '../db/schema';
import * as staffRepo from '../modules/staff/staff.repo';
import { staffRowFrom } from '../modules/staff/staff.service';
import { shanghaiDate } from '../platform/clock';
import type { DataKeys } from '../platform/crypto';

/**
 * The demo staff registry: about sixty invented people — support staff of the provincial
 * and prefecture hospitals, recipient staff (Yi and Tibetan names) of the county hospitals
 * of 凉山, 甘孜 and 阿坝. ID numbers are valid GB 11643 numbers made up from the region code
 * of the person's home county, a plausible birth date and a sequence of the right parity;
 * phones are made up. A seeded generator keeps every run identical.
 */

type Person = [
  name: string,
  gender: Gender,
  institution: string,
  department: string,
  title: Title,
  series: TitleSeries,
  born: number,
  /** region code of the home county (the ID number's first six digits) */
  home: string,
  backbone?: boolean,
];

const M: Gender = 'male';
const F: Gender = 'female';

const SPPH = '四川省人民医院';
const WCH = '四川大学华西医院';
const WCH2 = '四川大学华西第二医院';
const SWMU = '西南医科大学附属医院';
const NSMC = '川北医学院附属医院';
const CD1 = '成都市第一人民医院';
const MYC = '绵阳市中心医院';
const TCM = '四川省中医医院（成都中医药大学附属医院）';

const SUPPORT: Person[] = [
  ['王建华', M, SPPH, '普外科', 'deputy_senior', 'medicine', 1979, '510107'],
  ['李晓梅', F, SPPH, '妇产科', 'deputy_senior', 'medicine', 1981, '510105'],
  ['张志强', M, SPPH, '心血管内科', 'senior', 'medicine', 1972, '510104'],
  ['刘芳', F, SPPH, '护理部', 'intermediate', 'nursing', 1988, '510108'],
  ['陈俊', M, SPPH, '麻醉科', 'intermediate', 'medicine', 1987, '510106'],
  ['杨雪', F, SPPH, '儿科', 'deputy_senior', 'medicine', 1983, '510122'],
  ['赵磊', M, SPPH, '骨科', 'intermediate', 'medicine', 1986, '511002'],
  ['黄丽', F, SPPH, '检验科', 'intermediate', 'technology', 1989, '510603'],
  ['周永康', M, WCH, '急诊科', 'senior', 'medicine', 1970, '510107'],
  ['吴敏', F, WCH, '重症医学科', 'deputy_senior', 'medicine', 1980, '510104'],
  ['徐涛', M, WCH, '神经内科', 'deputy_senior', 'medicine', 1982, '510703'],
  ['孙婷', F, WCH, '护理部', 'intermediate', 'nursing', 1990, '511302'],
  ['马骏', M, WCH, '放射科', 'intermediate', 'technology', 1985, '510502'],
  ['朱红', F, WCH, '药剂科', 'intermediate', 'pharmacy', 1986, '510105'],
  ['胡斌', M, WCH, '呼吸与危重症医学科', 'senior', 'medicine', 1974, '510107'],
  ['郭静', F, WCH2, '妇产科', 'deputy_senior', 'medicine', 1982, '510108'],
  ['何佳', F, WCH2, '儿科', 'intermediate', 'medicine', 1988, '510106'],
  ['罗伟', M, SWMU, '普外科', 'deputy_senior', 'medicine', 1980, '510502'],
  ['梁丽华', F, SWMU, '妇产科', 'intermediate', 'medicine', 1987, '510503'],
  ['宋刚', M, SWMU, '麻醉科', 'deputy_senior', 'medicine', 1981, '510521'],
  ['谢琳', F, SWMU, '护理部', 'intermediate', 'nursing', 1989, '510502'],
  ['唐明', M, SWMU, '心血管内科', 'intermediate', 'medicine', 1986, '511502'],
  ['韩冰', F, NSMC, '儿科', 'deputy_senior', 'medicine', 1983, '511302'],
  ['冯俊杰', M, NSMC, '骨科', 'intermediate', 'medicine', 1987, '511303'],
  ['邓小琴', F, NSMC, '超声医学科', 'intermediate', 'technology', 1988, '511321'],
  ['曹勇', M, CD1, '普外科', 'deputy_senior', 'medicine', 1980, '510104'],
  ['彭娟', F, CD1, '护理部', 'intermediate', 'nursing', 1991, '510112'],
  ['曾晓东', M, CD1, '全科医学科', 'intermediate', 'medicine', 1989, '510114'],
  ['蒋华', M, MYC, '心血管内科', 'deputy_senior', 'medicine', 1982, '510703'],
  ['蔡雨', F, MYC, '妇产科', 'intermediate', 'medicine', 1988, '510704'],
  ['余振东', M, TCM, '针灸科', 'deputy_senior', 'medicine', 1979, '510106'],
  ['杜秀英', F, TCM, '中医内科', 'senior', 'medicine', 1971, '510105'],
  ['叶青', F, TCM, '护理部', 'junior', 'nursing', 1995, '510107'],
  ['程浩', M, SPPH, '医务部', 'intermediate', 'medicine', 1984, '510105'],
];

const ZJ = '昭觉县人民医院';
const BT = '布拖县人民医院';
const MG = '美姑县人民医院';
const XD = '喜德县人民医院';
const YX = '越西县人民医院';
const GZX = '甘孜县人民医院';
const LT = '理塘县人民医院';
const RG = '若尔盖县人民医院';
const ZJ_MCH = '昭觉县妇幼保健计划生育服务中心';

const RECIPIENT: Person[] = [
  ['阿西拉作', F, ZJ, '妇产科', 'intermediate', 'medicine', 1988, '513431', true],
  ['吉克曲布', M, ZJ, '内科', 'intermediate', 'medicine', 1985, '513431', true],
  ['沙马阿果', F, ZJ, '护理部', 'junior', 'nursing', 1993, '513431'],
  ['阿说·木呷', M, ZJ, '外科', 'junior', 'medicine', 1991, '513431'],
  ['俄木·伍各', M, ZJ, '麻醉科', 'junior', 'medicine', 1994, '513431'],
  ['吉伍阿牛', F, ZJ, '儿科', 'junior', 'medicine', 1995, '513431'],
  ['日火子拉', M, ZJ, '检验科', 'junior', 'technology', 1992, '513431'],
  ['马海阿呷', F, ZJ_MCH, '妇女保健科', 'intermediate', 'medicine', 1987, '513431', true],
  ['勒格伍呷', M, BT, '内科', 'intermediate', 'medicine', 1984, '513429', true],
  ['吉木子拉', F, BT, '妇产科', 'junior', 'medicine', 1994, '513429'],
  ['阿的木果', M, BT, '外科', 'junior', 'medicine', 1990, '513429'],
  ['依火阿支', F, BT, '护理部', 'intermediate', 'nursing', 1989, '513429'],
  ['曲比阿依', F, MG, '儿科', 'junior', 'medicine', 1993, '513436'],
  ['苏呷拉且', M, MG, '内科', 'intermediate', 'medicine', 1986, '513436', true],
  ['海来木呷', M, MG, '放射科', 'junior', 'technology', 1992, '513436'],
  ['俄底史布', M, XD, '外科', 'intermediate', 'medicine', 1985, '513432'],
  ['阿苦阿芝', F, XD, '妇产科', 'junior', 'medicine', 1995, '513432'],
  ['瓦其日哈', M, YX, '急诊科', 'junior', 'medicine', 1991, '513434'],
  ['尔古阿牛', F, YX, '护理部', 'junior', 'nursing', 1996, '513434'],
  ['洛绒扎西', M, GZX, '内科', 'intermediate', 'medicine', 1984, '513328', true],
  ['泽仁拉姆', F, GZX, '妇产科', 'junior', 'medicine', 1992, '513328'],
  ['四郎尼玛', M, LT, '外科', 'junior', 'medicine', 1990, '513334'],
  ['格桑卓玛', F, LT, '护理部', 'junior', 'nursing', 1994, '513334'],
  ['扎西多吉', M, RG, '内科', 'intermediate', 'medicine', 1986, '513232', true],
  ['桑杰卓玛', F, RG, '儿科', 'junior', 'medicine', 1993, '513232'],
];

/** Mulberry32: a small seeded generator, so the demo is the same on every run. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return (n: number): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * n);
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const PHONE_PREFIXES = [
  '138',
  '139',
  '135',
  '136',
  '151',
  '152',
  '158',
  '159',
  '180',
  '181',
  '182',
  '187',
  '189',
];
const QUALIFICATION: Record<TitleSeries, string | null> = {
  medicine: '医师执业证书',
  nursing: '护士执业证书',
  pharmacy: '执业药师注册证',
  technology: null,
  public_health: '医师执业证书',
};

/** A valid ID number: home region, birth date, a sequence whose last digit has the gender's parity, check char. */
export function demoIdNumber(home: string, birthDate: string, gender: Gender, sequence: number): string {
  const seq = sequence - (sequence % 2) + (gender === 'male' ? 1 : 0);
  const first17 = `${home}${birthDate.replaceAll('-', '')}${pad(seq % 1000, 3)}`;
  return first17 + idCheckChar(first17);
}

/** The demo people as create bodies (institution by name), deterministic. */
export function demoStaffBodies(): (Omit<CreateStaffBody, 'institutionId'> & { institution: string })[] {
  const rand = seeded(20_260_105);
  const seen = new Set<string>();
  const people = [
    ...SUPPORT.map((p) => ({ side: 'support' as const, p })),
    ...RECIPIENT.map((p) => ({ side: 'recipient' as const, p })),
  ];
  return people.map(
    ({ side, p: [name, gender, institution, department, title, series, born, home, backbone] }) => {
      const birthDate = `${born}-${pad(1 + rand(12), 2)}-${pad(1 + rand(28), 2)}`;
      let idNumber = demoIdNumber(home, birthDate, gender, 10 + rand(980));
      for (let n = 2; seen.has(idNumber); n += 2) idNumber = demoIdNumber(home, birthDate, gender, 10 + n);
      seen.add(idNumber);
      const phone = `${PHONE_PREFIXES[rand(PHONE_PREFIXES.length)]}${pad(rand(100_000_000), 8)}`;
      const qualificationType = QUALIFICATION[series];
      return {
        side,
        name,
        gender,
        idNumber,
        phone,
        institution,
        department,
        specialty: department === '护理部' ? '临床护理' : department,
        title,
        titleSeries: series,
        postType: department === '医务部' ? 'management' : 'professional',
        workStartedOn: `${born + 22 + rand(3)}-0${7 + rand(3)}-01`,
        qualificationType,
        qualificationNumber: qualificationType
          ? `${pad(rand(1_000_000), 6)}${pad(rand(1_000_000_000), 9)}`
          : null,
        backbone: backbone ?? false,
      };
    },
  );
}

/** The demo accounts linked to their staff records (support staff sign in to check in). */
const LINKED: readonly { username: string; name: string }[] = [
  { username: 'doctor_wang', name: '王建华' },
  { username: 'zhaojue_staff', name: '阿西拉作' },
];

export async function seedDemoStaff(tx: Tx, now: Date, keys: DataKeys): Promise<void> {
  const bodies = demoStaffBodies();
  const found = await tx
    .select({ id: institutions.id, name: institutions.name, role: institutions.role })
    .from(institutions)
    .where(inArray(institutions.name, [...new Set(bodies.map((b) => b.institution))]));
  const byName = new Map(found.map((i) => [i.name, i]));
  const today = shanghaiDate(now);
  const rows = bodies.map(({ institution: name, ...body }) => {
    const institution = byName.get(name);
    if (!institution) throw new Error(`演示数据：找不到机构 ${name}`);
    const built = staffRowFrom({ keys, today, institution }, { ...body, institutionId: institution.id });
    if (built.problems)
      throw new Error(`演示数据：${body.name} ${built.problems.map((p) => p.message).join('；')}`);
    return { ...built.row, createdAt: now, updatedAt: now };
  });
  const ids = await staffRepo.insertStaff(tx, rows);
  for (const link of LINKED) {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.username, link.username));
    const staffId = ids[bodies.findIndex((b) => b.name === link.name)];
    if (!user || !staffId) throw new Error(`演示数据：无法关联账号 ${link.username}`);
    await staffRepo.linkUser(tx, staffId, user.id);
  }
}
