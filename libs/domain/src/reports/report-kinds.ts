/** The files a report can be made as. */
export const REPORT_FORMATS = ['pdf', 'xlsx', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** How often a report schedule runs; `cron` runs on the schedule's own cron expression. */
export const REPORT_FREQUENCIES = ['weekly', 'monthly', 'quarterly', 'yearly', 'cron'] as const;
export type ReportFrequency = (typeof REPORT_FREQUENCIES)[number];
