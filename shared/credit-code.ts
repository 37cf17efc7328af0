/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters —
 * registration authority (1), organisation type (1), the registering authority's region
 * code (6, GB/T 2260), the organisation code (9, GB 11714) and a check character.
 * Pure: shared by the server's contracts and the web form (no Zod here, to keep it light).
 */

/** The code's alphabet: digits and capitals without I, O, Z, S, V; a character's value is its index. */
export const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Registration authorities (登记管理部门) and the organisation types each may issue
 * (机构类别): GB 32100-2015 Appendix A with the codes added since (2 外交 … N 农业).
 */
export const CREDIT_CODE_AUTHORITIES: Readonly<
  Record<string, { name: string; types: Record<string, string> }>
> = {
  '1': {
    name: '机构编制',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: {
      '1': '外国政府旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商（市场监管）', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    types: {
      '1': '组级集体经济组织',
      '2': '村级集体经济组织',
      '3': '乡镇级集体经济组织',
      '9': '其他',
    },
  },
  Y: { name: '其他', types: { '1': '其他' } },
};

/**
 * First two digits of a GB/T 2260 code: the provinces, Taiwan, Hong Kong, Macau, and `10`
 * for authorities registering at national level (e.g. `121000…` central institutions).
 */
const PROVINCE_PREFIXES = new Set([
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** The check character of the first 17 characters, or null if one is outside the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARS.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31]!;
}

/** As users type it: surrounding blanks dropped, letters in capitals. */
export function normaliseCreditCode(input: string): string {
  return input.trim().toUpperCase();
}

export type CreditCodeCheck = { ok: true; code: string } | { ok: false; reason: string };

/** Validate a code (after normalising); a failure carries the first problem, in Chinese. */
export function checkCreditCode(input: string): CreditCodeCheck {
  const code = normaliseCreditCode(input);
  const fail = (reason: string): CreditCodeCheck => ({ ok: false, reason });
  if (code.length !== 18) return fail(`统一社会信用代码应为18位，实为${code.length}位`);
  const bad = [...code].find((c) => !CREDIT_CODE_CHARS.includes(c));
  if (bad !== undefined) {
    return fail(
      /[IOZSV]/.test(bad)
        ? `统一社会信用代码不使用字母 I、O、Z、S、V（第${code.indexOf(bad) + 1}位为“${bad}”）`
        : `统一社会信用代码只能由数字和大写字母组成（第${code.indexOf(bad) + 1}位为“${bad}”）`,
    );
  }
  const authority = CREDIT_CODE_AUTHORITIES[code[0]!];
  if (!authority) return fail(`第1位登记管理部门代码“${code[0]}”不存在`);
  if (!authority.types[code[1]!])
    return fail(`第2位机构类别代码“${code[1]}”不属于登记管理部门“${authority.name}”`);
  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region) || !PROVINCE_PREFIXES.has(region.slice(0, 2)))
    return fail(`第3至8位登记管理机关行政区划码“${region}”不是有效的行政区划代码`);
  const expected = creditCodeCheckChar(code.slice(0, 17));
  if (expected !== code[17]) return fail(`校验码不正确：第18位应为“${expected}”，实为“${code[17]}”`);
  return { ok: true, code };
}

/** Describe a valid code's first two characters, e.g. `机构编制 · 事业单位`. */
export function describeCreditCode(code: string): string | null {
  const authority = CREDIT_CODE_AUTHORITIES[code[0] ?? ''];
  const type = authority?.types[code[1] ?? ''];
  return authority && type ? `${authority.name} · ${type}` : null;
}
