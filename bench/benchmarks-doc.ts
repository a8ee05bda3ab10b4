import { readFileSync, writeFileSync } from 'fs';

export const BEGIN = '<!-- npm run bench: begin (generated; edits between these lines are overwritten) -->';
export const END = '<!-- npm run bench: end -->';

export interface FigureRow {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  goal: string;
  /** true met, false missed, null no goal. */
  met: boolean | null;
}

export interface RunInfo {
  date: string;
  commit: string | null;
  command: string;
  durationS: number;
  machine: string;
  notes: string[];
}

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The generated section: every figure with its baseline, ratio, goal and verdict, and how it was made. */
export function renderSection(info: RunInfo, rows: FigureRow[]): string {
  const verdict = (met: boolean | null) => (met === null ? '' : met ? '**met**' : '**missed**');
  const lines = [
    BEGIN,
    `Latest \`npm run bench\` (${info.date}, commit ${info.commit ?? 'unknown'}, ${Math.round(info.durationS)} s in all): \`${info.command}\`.`,
    `${info.machine}`,
    '',
    '| figure | value | baseline (same run) | ratio | goal | |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) => `| ${cell(r.figure)} | ${cell(r.value)} | ${cell(r.baseline)} | ${cell(r.ratio)} | ${cell(r.goal)} | ${verdict(r.met)} |`,
    ),
    '',
    ...info.notes.map((n) => `- ${n}`),
    END,
  ];
  return lines.join('\n');
}

/** Replaces the generated section of docs/benchmarks.md (inserted after the first paragraph when missing). */
export function updateBenchmarksDoc(path: string, section: string): void {
  const text = readFileSync(path, 'utf8');
  const begin = text.indexOf(BEGIN);
  const end = text.indexOf(END);
  let next: string;
  if (begin >= 0 && end > begin) {
    next = text.slice(0, begin) + section + text.slice(end + END.length);
  } else {
    const at = text.indexOf('\n## ');
    next = at >= 0 ? `${text.slice(0, at)}\n\n${section}\n${text.slice(at)}` : `${text}\n${section}\n`;
  }
  writeFileSync(path, next);
}
