import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { DispatchDto } from '../shared/contracts/dispatch';
import type { StaffDto } from '../shared/contracts/staff';
import { DISPATCH_STATUS_LABELS } from '../shared/dispatch-vocabulary';
import type { Role } from '../shared/enums';
import { Gender, PostType, StaffSide, TitleSeries } from '../shared/enums';
import { idCheckChar } from '../shared/id-number';
import { TITLE_LABELS } from '../shared/policy/labels';
import type { Page as ApiPage } from '../web/app/api';
import { type Journey, useBrowser } from './browser';
import {
  choose,
  downloadBy,
  modalSettled,
  openFromMenu,
  PATIENCE,
  signOut,
  typeDate,
  waitForPath,
} from './ui';
import { fillRow, readBook, sheetOf, XLSX } from './xlsx';

const SPPH = '四川省人民医院';
/** A county recipient in 凉山: its dispatches pass the county, the prefecture and the province. */
const ZHAOJUE = '昭觉县人民医院';

/** A valid ID number of someone born 1988-06-0`day` in 成都 (510104), unique to this run. */
function idNumberFor(day: number, tag: number): string {
  const first17 = `5101041988060${day}${String(tag % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** Wait until the dispatch table has loaded its rows. */
async function dispatchRow(page: Page, name: string, batch: string) {
  const row = page
    .getByTestId('dispatch-table')
    .locator('tr.ant-table-row', { hasText: name })
    .filter({ hasText: batch });
  await row.waitFor(PATIENCE);
  return row;
}

/** Narrow the dispatch list to the batch, as a user would with many rows, and find the person. */
async function findDispatch(page: Page, name: string, batch: string) {
  const filter = page.getByTestId('dispatch-filter-batch');
  const input = (await filter.evaluate((el) => el.tagName)) === 'INPUT' ? filter : filter.locator('input');
  if ((await input.inputValue()) !== batch) {
    await input.fill(batch);
    await input.press('Enter');
  }
  return dispatchRow(page, name, batch);
}

/** Propose a dispatch of `name` to 昭觉 through the form; returns the new row. */
async function propose(page: Page, name: string, batch: string) {
  await page.getByTestId('dispatch-create').click();
  await modalSettled(page, '新增选派');
  await choose(page, 'dispatch-form-staff', name, name);
  // The 传帮带 pairing (2018—2020), not the 组团式 one of 2025 between the same two hospitals.
  await choose(page, 'dispatch-form-pairing', ZHAOJUE, new RegExp(`${SPPH} → ${ZHAOJUE}.*2018-01-01`));
  await page.getByTestId('dispatch-form-batch').locator('input').first().fill(batch);
  await choose(page, 'dispatch-form-kind', '', /^驻点$/);
  await choose(page, 'dispatch-form-role', '', '临床业务');
  await typeDate(page, 'dispatch-form-start', '2019-03-01');
  await typeDate(page, 'dispatch-form-end', '2019-12-31');
}

/** Approve, from the signed-in user's 待办, the approvals of this run's batch. */
async function approveFromTodos(page: Page, journey: Journey, role: Role, batch: string, count: number) {
  await journey.login(role);
  await waitForPath(page, '/');
  for (let done = 0; done < count; done++) {
    await page.getByTestId('side-menu').locator('li.ant-menu-item', { hasText: '待办事项' }).click();
    await waitForPath(page, '/todos');
    const todo = page.getByTestId('todo-table').locator('tr.ant-table-row', { hasText: batch }).first();
    await todo.waitFor(PATIENCE);
    expect(await todo.textContent()).toContain(ZHAOJUE);
    await todo.getByTestId('todo-open').click();
    const drawer = page.getByTestId('approval-drawer');
    await drawer.getByTestId('approval-approve').click();
    const modal = await modalSettled(page, '同意');
    await modal.getByTestId('decision-comment').fill('经审核，同意选派');
    await modal.getByTestId('decision-submit').click();
    await modal.waitFor({ state: 'detached', ...PATIENCE });
    await expect.poll(() => drawer.getByTestId('approval-approve').count(), PATIENCE).toBe(0);
    await page.locator('.ant-drawer-close').click();
  }
  // Nothing of this batch waits for this role any more.
  await expect
    .poll(async () => (await page.getByTestId('todo-table').textContent()) ?? '', PATIENCE)
    .not.toContain(batch);
  await signOut(page);
}

describe('选派审批全流程: import staff, propose two dispatches, county → prefecture → province approve, the recipient confirms arrival', () => {
  const journey = useBrowser();

  test('both dispatches end on duty, shown so to the supporting side, the recipient and the province', {
    timeout: 420_000,
  }, async () => {
    const page = await journey.open();
    const tag = Date.now();
    const batch = `2019年第一批（${tag.toString(36)}）`;
    // A 初级 nurse falls short of P04 at a county hospital; a 中级 doctor meets it.
    const junior = { name: '罗小燕', id: idNumberFor(2, tag * 2), gender: 'female' as const };
    const eligible = { name: '杨志刚', id: idNumberFor(3, tag * 2 + 1), gender: 'male' as const };

    // 1 The supporting admin imports the two from the staff template.
    await journey.login('supporting_admin');
    await waitForPath(page, '/');
    await openFromMenu(page, '人员管理', '人员名册');
    await waitForPath(page, '/staff');
    await page.getByTestId('staff-import').click();
    await page.getByTestId('import-wizard').waitFor(PATIENCE);
    const book = await readBook(await downloadBy(page, page.getByTestId('import-template-download')));
    const sheet = sheetOf(book, '人员');
    const common = {
      人员类别: StaffSide.label('support'),
      工作单位: SPPH,
      岗位类型: PostType.label('professional'),
      参加工作时间: '2012-07-01',
    };
    fillRow(sheet, 3, {
      ...common,
      姓名: junior.name,
      性别: Gender.label(junior.gender),
      身份证号: junior.id,
      科室: '护理部',
      职称: TITLE_LABELS.junior,
      职称系列: TitleSeries.label('nursing'),
    });
    fillRow(sheet, 4, {
      ...common,
      姓名: eligible.name,
      性别: Gender.label(eligible.gender),
      身份证号: eligible.id,
      科室: '麻醉科',
      职称: TITLE_LABELS.intermediate,
      职称系列: TitleSeries.label('medicine'),
    });
    await page.getByTestId('import-next').click();
    await page
      .getByTestId('import-dragger')
      .locator('input[type=file]')
      .setInputFiles({
        name: '人员名册.xlsx',
        mimeType: XLSX,
        buffer: Buffer.from(await book.xlsx.writeBuffer()),
      });
    await page.getByTestId('import-summary').waitFor(PATIENCE);
    await page.getByTestId('import-commit').click();
    await page.getByTestId('import-done').waitFor(PATIENCE);
    await page.getByTestId('import-finish').click();
    const imported = await journey.api<ApiPage<StaffDto>>(`/api/staff?q=${encodeURIComponent(junior.name)}`);
    expect(imported.items.map((s) => s.idNumber)).toContain(
      `${junior.id.slice(0, 6)}********${junior.id.slice(-4)}`,
    );

    // 2 Two proposals: the 初级 nurse shows P04 with its reason and goes with a justification.
    await openFromMenu(page, '人员管理', '选派管理');
    await waitForPath(page, '/dispatches');
    await page.getByTestId('dispatch-table').waitFor(PATIENCE);
    await propose(page, junior.name, batch);
    const violation = page.getByTestId('dispatch-violation').filter({ hasText: 'P04' });
    await violation.waitFor(PATIENCE);
    expect(await violation.textContent()).toContain('原则上');
    await page.getByTestId('dispatch-needs-justification').waitFor(PATIENCE);
    await page.getByTestId('dispatch-form-submit').click();
    await page.getByText('已保存为拟选派，可提交审批').waitFor(PATIENCE);

    // …the 中级 doctor meets every rule.
    await propose(page, eligible.name, batch);
    await expect
      .poll(() => page.locator('.ant-modal').getByTestId('dispatch-judgement').textContent(), PATIENCE)
      .toContain('符合选派规定');
    await page.getByTestId('dispatch-form-submit').click();
    await page.getByText('已保存为拟选派，可提交审批').waitFor(PATIENCE);

    for (const person of [junior, eligible]) {
      const row = await findDispatch(page, person.name, batch);
      await row.getByTestId('dispatch-submit').click();
      await modalSettled(page, '提交审批');
      if (person === junior)
        await page
          .getByTestId('dispatch-justification')
          .fill('县医院护理力量薄弱，急需规范护理管理，本院中级护士均已派出');
      await page.getByTestId('dispatch-submit-confirm').click();
      await page.getByText('已提交省对口支援办审批').waitFor(PATIENCE);
      await expect
        .poll(() => row.getByTestId('dispatch-status').textContent(), PATIENCE)
        .toBe(DISPATCH_STATUS_LABELS.submitted);
    }
    await signOut(page);

    // 3 County, prefecture and province approve both, each from its own 待办.
    await approveFromTodos(page, journey, 'county_authority', batch, 2);
    await approveFromTodos(page, journey, 'prefecture_authority', batch, 2);
    await approveFromTodos(page, journey, 'province_office', batch, 2);

    // 4 The recipient admin confirms both arrivals.
    await journey.login('recipient_admin');
    await waitForPath(page, '/');
    await openFromMenu(page, '人员管理', '选派管理');
    await waitForPath(page, '/dispatches');
    for (const person of [junior, eligible]) {
      const row = await findDispatch(page, person.name, batch);
      expect(await row.getByTestId('dispatch-status').textContent()).toBe(DISPATCH_STATUS_LABELS.approved);
      await row.getByTestId('dispatch-arrive').click();
      const modal = await modalSettled(page, '确认到岗');
      // Enter confirms the date and, the date being the form's only field, sends the form.
      await typeDate(page, 'dispatch-arrive-date', '2019-03-04');
      await modal.waitFor({ state: 'detached', ...PATIENCE });
      await expect
        .poll(() => row.getByTestId('dispatch-status').textContent(), PATIENCE)
        .toBe(DISPATCH_STATUS_LABELS.on_duty);
    }
    const onDutyFor = async () => {
      const { items } = await journey.api<ApiPage<DispatchDto>>(
        `/api/dispatches?batch=${encodeURIComponent(batch)}&pageSize=100`,
      );
      return items.filter((d) => d.batch === batch).map((d) => [d.staff.name, d.status, d.countsAsService]);
    };
    const expected = [
      [eligible.name, 'on_duty', true],
      [junior.name, 'on_duty', true],
    ];
    expect((await onDutyFor()).sort()).toEqual(expected);
    await signOut(page);

    // 5 On duty everywhere: the supporting admin's list and the province's list say so too.
    for (const role of ['supporting_admin', 'province_office'] as const) {
      await journey.login(role);
      await waitForPath(page, '/');
      await openFromMenu(page, '人员管理', '选派管理');
      await waitForPath(page, '/dispatches');
      for (const person of [junior, eligible]) {
        const row = await findDispatch(page, person.name, batch);
        expect(await row.getByTestId('dispatch-status').textContent()).toBe(DISPATCH_STATUS_LABELS.on_duty);
        expect(await row.getByTestId('dispatch-counts').textContent()).toBe('是');
      }
      expect((await onDutyFor()).sort()).toEqual(expected);
      await signOut(page);
    }
  });
});
