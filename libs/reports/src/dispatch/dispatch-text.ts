/** The words of a reminder dispatch (công văn đôn đốc): its number, heading, addressees, body and file names. */
import { ictDepartmentAt, viDate } from '@dx/domain';
import { defaultHeading, reportNumberLine } from '../report-text';
import type { ReportHeading } from '../report.types';
import type { DispatchAgency, DispatchData, DispatchOptions, DispatchTask, ReminderTasks } from './dispatch.types';

/** The subject line under the number (trích yếu of a công văn, Nghị định 30/2020/NĐ-CP). */
export const DISPATCH_SUBJECT = 'V/v đôn đốc thực hiện nhiệm vụ chuyển đổi số';

/** How many days ahead a task counts as due soon in a dispatch, unless asked otherwise. */
export const DISPATCH_DUE_WITHIN_DAYS = 7;

/** The symbol of a dispatch's number: the department's code and its digital transformation unit, "SKHCN-CĐS". */
export function dispatchSymbol(date: string): string {
  return `${ictDepartmentAt(date).code}-CĐS`;
}

/** The number line left blank for the clerk: "Số:        /SKHCN-CĐS". */
export function blankDispatchNumber(date: string): string {
  return `Số:        /${dispatchSymbol(date)}`;
}

/** The heading of a dispatch: the province's report heading (or the default) with the dispatch's own number, recipients and signer. */
export function dispatchHeading(
  provinceName: string,
  stored: Partial<ReportHeading> | null,
  issued: string,
  o: Pick<DispatchOptions, 'number' | 'signerName' | 'signerTitle'>,
): ReportHeading {
  const base = { ...defaultHeading(provinceName, issued), ...(stored ?? {}) };
  return {
    ...base,
    number: o.number?.trim() ? reportNumberLine(o.number) : blankDispatchNumber(issued),
    recipients: ['Như trên;', 'Ủy ban nhân dân tỉnh (b/c);', 'Ban Chỉ đạo chuyển đổi số tỉnh (b/c);', 'Lưu: VT, CĐS.'],
    signerTitle: o.signerTitle?.trim() || base.signerTitle,
    signerName: o.signerName?.trim() || base.signerName,
  };
}

/** "Kính gửi: Sở Nội vụ." for one agency; "Kính gửi:" and one "- …;" line per agency for several. */
export function addresseeLines(agencies: Pick<DispatchAgency, 'name'>[]): string[] {
  if (agencies.length === 1) return [`Kính gửi: ${agencies[0].name}.`];
  return ['Kính gửi:', ...agencies.map((a, i) => `- ${a.name}${i === agencies.length - 1 ? '.' : ';'}`)];
}

/** "3 nhiệm vụ đã quá hạn và 1 nhiệm vụ sắp đến hạn (trong 7 ngày tới)". */
function countsVi(overdue: number, dueSoon: number, within: number): string {
  const parts = [
    overdue ? `${overdue} nhiệm vụ đã quá hạn` : null,
    dueSoon ? `${dueSoon} nhiệm vụ sắp đến hạn (trong ${within} ngày tới)` : null,
  ].filter(Boolean);
  return parts.join(' và ');
}

/** The body's paragraphs: what is late as of when, what the department asks, by when to report. */
export function dispatchBody(d: DispatchData): string[] {
  const dept = ictDepartmentAt(d.issued).name;
  const one = d.agencies.length === 1;
  const who = one ? d.agencies[0].name : 'các cơ quan, đơn vị';
  const overdue = d.agencies.reduce((n, a) => n + a.overdue.length, 0);
  const dueSoon = d.agencies.reduce((n, a) => n + a.dueSoon.length, 0);
  return [
    `Theo dõi tiến độ thực hiện các kế hoạch, chương trình chuyển đổi số của tỉnh, tính đến ngày ${viDate(d.asOf)}, ${who} ` +
      `còn ${countsVi(overdue, dueSoon, d.dueWithinDays)} chưa hoàn thành (chi tiết tại danh sách dưới đây).`,
    `Để bảo đảm tiến độ thực hiện nhiệm vụ chuyển đổi số của tỉnh, ${dept} đề nghị ${one ? who : 'các cơ quan, đơn vị'} ` +
      'khẩn trương chỉ đạo hoàn thành các nhiệm vụ nêu trên; cập nhật tiến độ, minh chứng kết quả thực hiện trên hệ thống ' +
      `theo dõi và báo cáo về ${dept} trong thời hạn 07 ngày kể từ ngày nhận được văn bản này.`,
    `${dept} trân trọng đề nghị ${one ? who : 'các cơ quan, đơn vị'} quan tâm, phối hợp thực hiện./.`,
  ];
}

/** "12 ngày" for an overdue task; "còn 3 ngày" or "đến hạn hôm nay" for one due soon. */
export function daysLateVi(t: DispatchTask): string {
  if (t.daysLate !== null) return `${t.daysLate} ngày`;
  return t.daysLeft === 0 ? 'đến hạn hôm nay' : `còn ${t.daysLeft} ngày`;
}

const slug = (code: string) => code.replace(/[^A-Za-z0-9-]+/g, '-');

/** cong-van-don-doc-MAU-SNV-2026-12-03.pdf (one agency), cong-van-don-doc-MAU-2026-12-03.pdf (all). */
export function dispatchFileName(province: string, agency: string | null, asOf: string, ext = 'pdf'): string {
  return `cong-van-don-doc-${slug(province)}${agency ? `-${slug(agency)}` : ''}-${asOf}.${ext}`;
}

/** The dispatches to make: one per agency (or only `o.agency`'s) or one to all, each with its data. */
export function dispatchPlan(t: ReminderTasks, o: DispatchOptions): { agency: string | null; data: DispatchData }[] {
  const issued = o.issued ?? t.asOf;
  const heading = dispatchHeading(t.province.name, t.heading, issued, o);
  const agencies = o.agency ? t.agencies.filter((a) => a.code === o.agency) : t.agencies;
  const data = (list: DispatchAgency[]): DispatchData => ({
    heading,
    issued,
    asOf: t.asOf,
    dueWithinDays: t.dueWithinDays,
    agencies: list,
  });
  if (!agencies.length) return [];
  if (o.mode === 'all') return [{ agency: null, data: data(agencies) }];
  return agencies.map((a) => ({ agency: a.code, data: data([a]) }));
}
