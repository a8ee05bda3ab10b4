export * from './report.types';
export * from './report-text';
export * from './build-xlsx';
export * from './build-pdf';
export * from './build-docx';
export * from './spreadsheet-cell';
export * from './audit-xlsx';
