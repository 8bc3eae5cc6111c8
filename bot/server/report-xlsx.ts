/**
 * The compliance report as an Excel workbook (exceljs): the same table as the CSV, on one sheet,
 * with the header rows in bold, numbers as numbers and text never read as a formula.
 */
import ExcelJS from 'exceljs';
import type { ComplianceReport } from '../casework/compliance';
import { complianceTable } from './report-csv';

export async function complianceXlsx(r: ComplianceReport, councilName: string): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = `${councilName} SEND Assistant`;
  book.created = new Date(`${r.today}T12:00:00Z`);
  const sheet = book.addWorksheet('Compliance report', { views: [{ state: 'frozen', ySplit: 1 }] });
  for (const cells of complianceTable(r, councilName)) {
    // exceljs writes strings as text cells (a leading "=" stays text), numbers as numbers.
    const added = sheet.addRow(cells.map((c) => (typeof c === 'string' && /^\d+(\.\d+)?$/.test(c) ? Number(c) : c)));
    // A row that names its columns (Measure, Legal source, …) or the title is bold.
    if (cells[1] === 'Legal source' || added.number === 1 || (typeof cells[4] === 'string' && /^(Count|Held|Received|Plans)$/.test(cells[4]))) added.font = { bold: true };
  }
  sheet.getColumn(1).width = 55;
  sheet.getColumn(2).width = 60;
  for (const n of [3, 4]) sheet.getColumn(n).width = 12;
  return Buffer.from(await book.xlsx.writeBuffer());
}
