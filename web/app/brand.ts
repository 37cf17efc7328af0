export const PLATFORM_NAME = '四川省对口支援信息管理平台';
export const PLATFORM_SUBTITLE = '城乡医疗卫生对口支援"传帮带"工程';
/** Root of the region tree the platform serves (GB/T 2260: 四川省). */
export const PROVINCE_CODE = '510000';
export const PROVINCE_NAME = '四川省';
