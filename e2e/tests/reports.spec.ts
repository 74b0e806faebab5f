import ExcelJS from 'exceljs';
import { ReportsPage } from '../pages/reports.page.js';
import { expect, test } from '../support/fixtures.js';

test.describe('reports', () => {
  test('the executive builds last month’s pack and downloads a workbook that opens', async ({
    page,
    signedInAs,
  }) => {
    test.setTimeout(180_000); // the pack of the demo city is built on the server (seconds)
    await signedInAs('executive');
    const reports = new ReportsPage(page);
    await reports.open();
    await reports.build.click();
    await expect(reports.job).toContainText(/готов|ready/i, { timeout: 120_000 });
    const download = await reports.downloadFirst();
    expect(download.suggestedFilename()).toMatch(
      /^radfleet-executive-pack-\d{4}-\d{2}-(ru|en)\.xlsx$/,
    );
    const path = test.info().outputPath('pack.xlsx');
    await download.saveAs(path);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(path);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Сводка',
      'Парк',
      'Возраст и COCIR',
      'Загрузка',
      'Контракты и SLA',
    ]);
    expect(book.getWorksheet('Парк')!.getImages().length).toBeGreaterThan(0);
  });
});
