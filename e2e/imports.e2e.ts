import { describe, expect, test } from 'vitest';
import type { ImportJobDto } from '../shared/contracts/imports';
import type { InstitutionDetailDto, InstitutionDto } from '../shared/contracts/org';
import type { UserDto } from '../shared/contracts/users';
import { CREDIT_CODE_CHARS, creditCodeCheckChar } from '../shared/credit-code';
import {
  InstitutionCategory,
  InstitutionGrade,
  InstitutionRole,
  InstitutionTier,
  Role,
} from '../shared/enums';
import { useBrowser } from './browser';
import { downloadBy, expectPagerTotal, openFromMenu, PATIENCE, waitForPath } from './ui';
import { columnOf, dropdownOf, fillRow, headersOf, readBook, sheetOf, XLSX } from './xlsx';

const hasChinese = /[\u4e00-\u9fff]/;

function creditCode(seed: string): string {
  const first17 = `12513431MB${seed}`;
  return first17 + creditCodeCheckChar(first17);
}

/** The same code with a wrong check character. */
function withWrongCheck(code: string): string {
  const right = code.at(-1)!;
  return (
    code.slice(0, -1) + CREDIT_CODE_CHARS[(CREDIT_CODE_CHARS.indexOf(right) + 1) % CREDIT_CODE_CHARS.length]
  );
}

const INSTITUTION_HEADERS = [
  '名称',
  '统一社会信用代码',
  '类别',
  '层级',
  '等级',
  '机构角色',
  '所在地区代码',
  '地址',
];

describe('Excel 导入导出: import institutions from the template; export the lists with their filters', () => {
  const journey = useBrowser();

  test('template → a file with bad rows is refused cell by cell, nothing saved → the corrected file is imported → export', {
    timeout: 240_000,
  }, async () => {
    await journey.login('province_office');
    const page = journey.page();
    await waitForPath(page, '/');
    await openFromMenu(page, '机构管理', '机构名录');
    await waitForPath(page, '/org/institutions');
    await page.getByTestId('institution-import').click();
    const wizard = page.getByTestId('import-wizard');
    await wizard.waitFor(PATIENCE);

    // 1 下载模板: the template has the three sheets, Chinese headers and dropdown lists.
    const templateFile = await downloadBy(page, page.getByTestId('import-template-download'));
    expect(templateFile.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(templateFile.suggestedFilename()).toMatch(hasChinese);
    const book = await readBook(templateFile);
    const institutions = sheetOf(book, '机构');
    const departments = sheetOf(book, '科室');
    const fences = sheetOf(book, '地理围栏');
    expect(headersOf(institutions)).toEqual(INSTITUTION_HEADERS);
    expect(headersOf(departments)).toEqual(['机构名称', '科室名称', '重点科室']);
    expect(headersOf(fences)).toEqual(['机构名称', '围栏名称', '坐标系', '纬度', '经度', '半径（米）']);
    expect(dropdownOf(book, institutions, 3, '类别')).toEqual(
      InstitutionCategory.values.map(InstitutionCategory.label),
    );
    expect(dropdownOf(book, institutions, 3, '层级')).toEqual(
      InstitutionTier.values.map(InstitutionTier.label),
    );
    const gcj02 = dropdownOf(book, fences, 3, '坐标系').find((label) => label.startsWith('GCJ-02'));
    expect(gcj02).toMatch(/^GCJ-02/);

    // Two good institutions (row 2 is the template's example, skipped), a department, a fence, and bad rows.
    const tag = Date.now().toString(36);
    const nameA = `导入${tag}甲县人民医院`;
    const nameB = `导入${tag}乙乡卫生院`;
    const seed = Date.now().toString().slice(-7);
    const codeA = creditCode(seed);
    const common = {
      类别: InstitutionCategory.label('medical'),
      机构角色: InstitutionRole.label('recipient'),
      所在地区代码: '513431',
    };
    fillRow(institutions, 3, {
      ...common,
      名称: nameA,
      统一社会信用代码: codeA,
      层级: InstitutionTier.label('county'),
      等级: InstitutionGrade.label('II_A'),
      地址: '昭觉县新城镇解放路 1 号',
    });
    fillRow(institutions, 4, {
      ...common,
      名称: nameB,
      层级: InstitutionTier.label('township'),
      等级: InstitutionGrade.label('I_A'),
    });
    const badRows = { 5: '统一社会信用代码', 6: '所在地区代码', 7: '名称' } as const;
    fillRow(institutions, 5, {
      ...common,
      名称: `导入${tag}丙医院`,
      统一社会信用代码: withWrongCheck(creditCode([...seed].reverse().join(''))),
      层级: InstitutionTier.label('county'),
    });
    fillRow(institutions, 6, {
      ...common,
      名称: `导入${tag}丁医院`,
      层级: InstitutionTier.label('county'),
      所在地区代码: '519999',
    });
    fillRow(institutions, 7, { ...common, 层级: InstitutionTier.label('township') });
    fillRow(departments, 3, { 机构名称: nameA, 科室名称: '内科', 重点科室: '是' });
    fillRow(fences, 3, {
      机构名称: nameA,
      围栏名称: '正门',
      坐标系: gcj02!,
      纬度: 28.0105,
      经度: 102.8455,
      '半径（米）': 300,
    });
    const withBadRows = Buffer.from(await book.xlsx.writeBuffer());

    // 2 上传文件: a web page saved as .xlsx is refused with the server's Chinese reason, and no job starts.
    await page.getByTestId('import-next').click();
    const dropZone = page.getByTestId('import-dragger').locator('input[type=file]');
    await dropZone.setInputFiles({
      name: '机构名录.xlsx',
      mimeType: XLSX,
      buffer: Buffer.from('<html><body><table><tr><td>机构</td></tr></table></body></html>'),
    });
    const refused = page.getByTestId('import-upload-error');
    await refused.waitFor(PATIENCE);
    expect(await refused.textContent()).toContain('不是有效的 Excel');

    // → 3 校验结果: every bad cell, in Chinese; nothing saved.
    const uploaded = page.waitForResponse((r) => r.url().includes('/api/imports/institutions'), PATIENCE);
    await dropZone.setInputFiles({ name: '机构导入.xlsx', mimeType: XLSX, buffer: withBadRows });
    expect((await uploaded).status()).toBe(202);
    const job = (await (await uploaded).json()) as ImportJobDto;
    const alert = page.getByTestId('import-issue-alert');
    await alert.waitFor(PATIENCE);
    const checked = await journey.api<ImportJobDto>(`/api/imports/${job.id}`);
    expect(checked.status).toBe('invalid');
    expect(await alert.textContent()).toContain(`发现 ${checked.issueCount} 处问题，未导入任何数据`);

    const rows = await wizard.locator('.ant-table-tbody tr.ant-table-row').allInnerTexts();
    const shown = rows.map((text) => text.split('\t').map((cell) => cell.trim()));
    for (const [row, header] of Object.entries(badRows)) {
      const cell = `${String.fromCharCode(64 + columnOf(institutions, header))}${row}`;
      const issue = shown.find((r) => r[0] === '机构' && r[1] === row && r[3] === cell);
      expect(issue, `an issue for ${header} in ${cell}: ${JSON.stringify(shown)}`).toBeDefined();
      expect(issue![2]).toBe(header);
      expect(issue![4]).toMatch(hasChinese);
    }
    expect(shown.filter((r) => ['3', '4'].includes(r[1]!) && r[0] === '机构')).toEqual([]);

    // The annotated report lists the same problems.
    const reportFile = await downloadBy(page, page.getByTestId('import-report-download'));
    const report = await readBook(reportFile);
    const listed = sheetOf(report, '校验结果');
    const reportText = listed.getSheetValues().flat().map(String).join(' ');
    for (const issue of checked.issues) expect(reportText).toContain(issue.message);

    for (const name of [nameA, nameB]) {
      const found = await journey.api<{ total: number }>(`/api/institutions?q=${encodeURIComponent(name)}`);
      expect(found.total, `${name} not saved while the file has errors`).toBe(0);
    }

    // The corrected file (the bad rows removed) is ready, then imported.
    // (cleared, as a user would: blank rows are skipped)
    for (const row of Object.keys(badRows))
      institutions.getRow(Number(row)).eachCell((cell) => {
        cell.value = null;
      });
    const corrected = Buffer.from(await book.xlsx.writeBuffer());
    await page.getByTestId('import-reupload').click();
    const reuploaded = page.waitForResponse((r) => r.url().includes('/api/imports/institutions'), PATIENCE);
    await dropZone.setInputFiles({ name: '机构导入（修改后）.xlsx', mimeType: XLSX, buffer: corrected });
    const ready = (await (await reuploaded).json()) as ImportJobDto;
    await page.getByTestId('import-summary').waitFor(PATIENCE);

    // Closing a checked, unconfirmed import cancels it: its cells are dropped on the server (S20).
    await page.getByTestId('import-close').click();
    await wizard.waitFor({ state: 'detached', ...PATIENCE });
    await expect
      .poll(async () => (await journey.api<ImportJobDto>(`/api/imports/${ready.id}`)).status, PATIENCE)
      .toBe('cancelled');
    await page.getByTestId('institution-import').click();
    await page.getByTestId('import-next').click();
    await dropZone.setInputFiles({ name: '机构导入（修改后）.xlsx', mimeType: XLSX, buffer: corrected });
    await page.getByTestId('import-summary').waitFor(PATIENCE);
    expect(await page.getByTestId('import-summary-机构').textContent()).toBe('新增 2 条、更新 0 条');
    expect(await page.getByTestId('import-summary-科室').textContent()).toBe('新增 1 条、更新 0 条');
    expect(await page.getByTestId('import-summary-地理围栏').textContent()).toBe('新增 1 条、更新 0 条');
    await page.getByTestId('import-commit').click();
    const done = page.getByTestId('import-done');
    await done.waitFor(PATIENCE);
    expect(await done.textContent()).toMatch(/导入成功：新增 \d+ 条、更新 0 条/);
    await page.getByTestId('import-finish').click();
    await wizard.waitFor({ state: 'detached', ...PATIENCE });

    const { items } = await journey.api<{ items: InstitutionDto[] }>(
      `/api/institutions?q=${encodeURIComponent(nameA)}`,
    );
    expect(items.map((i) => i.name)).toEqual([nameA]);
    const saved = await journey.api<InstitutionDetailDto>(`/api/institutions/${items[0]!.id}`);
    expect(saved).toMatchObject({ creditCode: codeA, tier: 'county', grade: 'II_A', regionCode: '513431' });
    expect(saved.departments).toMatchObject([{ name: '内科', isMain: true }]);
    expect(saved.geofences).toMatchObject([
      { name: '正门', crs: 'gcj02', lat: 28.0105, lng: 102.8455, radiusM: 300 },
    ]);
    const b = await journey.api<{ items: InstitutionDto[] }>(
      `/api/institutions?q=${encodeURIComponent(nameB)}`,
    );
    expect(b.items.map((i) => i.name)).toEqual([nameB]);

    // 导出 with the name search on screen: the file has the two imported institutions, in the template's layout.
    await page.getByPlaceholder('按机构名称搜索').fill(`导入${tag}`);
    await page.getByPlaceholder('按机构名称搜索').press('Enter');
    await expectPagerTotal(page, '共 2 个机构');
    const exportFile = await downloadBy(page, page.getByTestId('institution-export'));
    expect(exportFile.suggestedFilename()).toMatch(/^机构名录_\d{8}\.xlsx$/);
    const exported = await readBook(exportFile);
    const list = sheetOf(exported, '机构');
    // The template's columns first (so the file can be edited and imported again), read-only ones after.
    expect(headersOf(list).slice(0, INSTITUTION_HEADERS.length)).toEqual(INSTITUTION_HEADERS);
    const byName = new Map<string, Record<string, string>>();
    for (let r = 2; r <= list.rowCount; r++) {
      const values = Object.fromEntries(
        INSTITUTION_HEADERS.map((h) => [h, list.getRow(r).getCell(columnOf(list, h)).text]),
      );
      if (values.名称) byName.set(values.名称, values);
    }
    expect([...byName.keys()].sort()).toEqual([nameA, nameB].sort());
    expect(byName.get(nameA)).toMatchObject({
      统一社会信用代码: codeA,
      类别: '医疗',
      层级: '县级',
      等级: '二级甲等',
      机构角色: '受援机构',
      所在地区代码: '513431',
    });
    const meta = sheetOf(exported, '导出说明').getSheetValues().flat().map(String).join(' ');
    expect(meta).toContain(`导入${tag}`);
  });

  test('the system admin exports the accounts of one role: the rows the filtered list shows, in Chinese', async () => {
    await journey.login('system_admin');
    const page = journey.page();
    await waitForPath(page, '/');
    await openFromMenu(page, '系统管理', '用户管理');
    await waitForPath(page, '/admin/users');
    const role = Role.label('county_authority');
    await page.getByTestId('users-filter-role').click();
    await page.getByTestId('users-filter-role').locator('input').fill('县(市、区)');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: role }).click();
    const listed = await journey.api<{ items: UserDto[]; total: number }>(
      '/api/users?role=county_authority&pageSize=100',
    );
    expect(listed.total).toBeGreaterThan(0);
    await expectPagerTotal(page, `共 ${listed.total} 个账号`);

    const file = await downloadBy(page, page.getByTestId('users-export'));
    expect(file.suggestedFilename()).toMatch(/^[^_]*账号[^_]*_\d{8}\.xlsx$/);
    const book = await readBook(file);
    const sheet = book.worksheets[0]!;
    expect(headersOf(sheet).slice(0, 3)).toEqual(['用户名', '姓名', '角色']);
    const exported = sheet.getColumn(columnOf(sheet, '用户名')).values.slice(2).map(String);
    expect(exported.sort()).toEqual(listed.items.map((u) => u.username).sort());
    const roles = new Set(sheet.getColumn(columnOf(sheet, '角色')).values.slice(2).map(String));
    expect([...roles]).toEqual([role]);
  });
});
