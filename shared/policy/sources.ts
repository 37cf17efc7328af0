/**
 * How rules cite the seeds (shared/seeds/). A rule's `source` is one of these plus the
 * section, e.g. `${DOC_172} §五(五)`, so a reader can find the sentence it comes from.
 */

/** seeds/002: 四川省卫生计生委 四川省中医药管理局《关于全面实施贫困地区城乡医疗卫生对口支援“传帮带”工程…的意见》 */
export const DOC_172 = '川卫发〔2017〕172号';

/** seeds/000: 四川省中医药管理局副局长介绍四川省对口帮扶工作情况 (how Sichuan ran 172号) */
export const SEED_000 = '四川省中医药管理局对口帮扶工作情况介绍（种子000）';

/** seeds/001: 《山阳县坚持“四个三”，打好医疗帮扶组合拳》, 卓越陕西网 2024-10-16 */
export const SEED_001 = '山阳县“四个三”医疗帮扶（种子001，2024）';

/**
 * seeds/003: 塔行办发〔2020〕32号, the Tacheng prefecture 2020—2022 医疗人才“组团式”援疆中长期工作规划.
 * (The stored copy has the name 塔城地区 replaced by spam text; the document number is intact.)
 */
export const DOC_TACHENG = '塔行办发〔2020〕32号（种子003）';

/** seeds/004: county-level reports on 对口帮扶 (background, 2020) */
export const SEED_004 = '对口帮扶工作总结汇编（种子004）';
