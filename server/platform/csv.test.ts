import { describe, expect, it } from 'vitest';
import { attachment, csvCell, toCsv } from './csv';

describe('CSV cells are never formulas (S25)', () => {
  it.each([
    ['=cmd()', "'=cmd()"],
    ['+1', "'+1"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['  =1+1', "'  =1+1"],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
    ['a=b', 'a=b'],
    ['审计管理员 周敏（auditadmin）', '审计管理员 周敏（auditadmin）'],
    ['a,b', '"a,b"'],
    ['', ''],
  ])('%j → %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('starts with a BOM and ends rows with CRLF', () => {
    expect(
      toCsv([
        ['编号', '操作'],
        ['1', '登录'],
      ]),
    ).toBe('\ufeff编号,操作\r\n1,登录\r\n');
  });

  it('names the download in UTF-8 with an ASCII fallback', () => {
    expect(attachment('审计日志(1).csv', 'audit.csv')).toBe(
      'attachment; filename="audit.csv"; filename*=UTF-8\'\'%E5%AE%A1%E8%AE%A1%E6%97%A5%E5%BF%97%281%29.csv',
    );
  });
});
