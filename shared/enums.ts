/** Enumerations shared by server and web, each with its zh-CN label. */

function labelled<const T extends Record<string, string>>(labels: T) {
  const values = Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
  return { values, labels, label: (v: keyof T & string): string => labels[v] as string };
}

/** Roles — DOMAIN.md "Actors"; the three separated admins are SECURITY.md S09 (三员分立). */
export const Role = labelled({
  province_office: '省对口支援管理办公室',
  tcm_bureau: '省中医药管理局',
  prefecture_authority: '市(州)卫生健康行政部门',
  county_authority: '县(市、区)卫生健康行政部门',
  county_liaison: '驻点负责人',
  supporting_admin: '支援机构管理员',
  recipient_admin: '受援机构管理员',
  support_staff: '支援人员',
  recipient_staff: '受援人员',
  inspector: '督查员',
  system_admin: '系统管理员',
  security_admin: '安全管理员',
  audit_admin: '审计管理员',
});
export type Role = (typeof Role.values)[number];

/** Roles that need a second factor (S04). */
export const MFA_ROLES: readonly Role[] = [
  'province_office',
  'system_admin',
  'security_admin',
  'audit_admin',
];

export const InstitutionCategory = labelled({
  medical: '医疗',
  maternal_child: '妇幼',
  tcm: '中医',
  cdc: '疾控',
  supervision: '卫生监督',
});
export type InstitutionCategory = (typeof InstitutionCategory.values)[number];

export const InstitutionTier = labelled({
  province: '省级',
  prefecture: '市(州)级',
  county: '县级',
  central_township: '中心卫生院',
  township: '乡镇卫生院',
  village: '村卫生室',
});
export type InstitutionTier = (typeof InstitutionTier.values)[number];

export const InstitutionGrade = labelled({
  III_A: '三级甲等',
  III_B: '三级乙等',
  III: '三级',
  II_A: '二级甲等',
  II_B: '二级乙等',
  II: '二级',
  I_A: '一级甲等',
  I: '一级',
  none: '未定级',
});
export type InstitutionGrade = (typeof InstitutionGrade.values)[number];

/** An institution supports, receives support, or both. */
export const InstitutionRole = labelled({
  supporting: '支援机构',
  recipient: '受援机构',
  both: '支援兼受援',
});
export type InstitutionRole = (typeof InstitutionRole.values)[number];

/** Region levels of the GB/T 2260 tree. */
export const RegionLevel = labelled({
  nation: '国家',
  province: '省级',
  prefecture: '地级',
  county: '县级',
});
export type RegionLevel = (typeof RegionLevel.values)[number];

/** County flags — DOMAIN.md glossary; validity-dated on each county. */
export const CountyFlag = labelled({
  national_poverty: '国家级贫困县',
  provincial_poverty: '省级贫困县',
  deep_poverty: '深度贫困县',
  ethnic: '民族县',
  lifted_poverty: '脱贫县',
  key_revitalisation: '国家乡村振兴重点帮扶县',
});
export type CountyFlag = (typeof CountyFlag.values)[number];

/** Kinds of scope node (S07): all, a region subtree, one institution, or oneself. */
export const ScopeKind = labelled({
  all: '全部',
  region: '行政区划',
  institution: '机构',
  self: '本人',
});
export type ScopeKind = (typeof ScopeKind.values)[number];

/** Which side a staff member works for: sent by a supporting institution, or local at a recipient. */
export const StaffSide = labelled({
  support: '支援人员',
  recipient: '受援人员',
});
export type StaffSide = (typeof StaffSide.values)[number];

export const Gender = labelled({ male: '男', female: '女' });
export type Gender = (typeof Gender.values)[number];

/** Professional title series (职称系列). */
export const TitleSeries = labelled({
  medicine: '医',
  nursing: '护',
  pharmacy: '药',
  technology: '技',
  public_health: '公卫',
});
export type TitleSeries = (typeof TitleSeries.values)[number];

export const PostType = labelled({
  professional: '专业技术岗',
  management: '管理岗',
});
export type PostType = (typeof PostType.values)[number];
