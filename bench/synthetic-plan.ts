/**
 * A valid plan file (dx-tracker/plan@1) of about `targetBytes`: 20 departments, 10
 * districts and their communes, 60 indicators, 4 documents with 100 goals and 300 tasks
 * each, reported claims, then monthly KPI values (province, departments, communes) until
 * the size is reached. Deterministic, so every run imports the same file.
 */
export function syntheticPlan(targetBytes: number, code = 'SYN'): Buffer {
  const text = new PlanText();
  pushAgencies(text, code);
  pushIndicators(text);
  text.push('documents:\n');
  for (let doc = 1; doc <= 4; doc++) pushDocument(text, doc);
  pushObservations(text, code, targetBytes);
  return Buffer.from(text.out.join(''), 'utf8');
}

const KINDS = ['percent', 'count', 'score', 'amount', 'ratio'] as const;
const INDICATORS = 60;
const DEPARTMENTS = 20;
const DISTRICTS = 10;
const COMMUNES_PER_DISTRICT = 20;
const kind = (i: number) => KINDS[i % KINDS.length];

/** The file's text so far, and its size in bytes. */
class PlanText {
  readonly out: string[] = [];
  size = 0;

  push(text: string): void {
    this.out.push(text);
    this.size += Buffer.byteLength(text);
  }
}

function pushAgencies(text: PlanText, code: string): void {
  text.push(`schema: dx-tracker/plan@1\nprovince:\n  code: ${code}\n  name: Tỉnh Tổng Hợp\n  valid_from: 1991-01-01\nagencies:\n`);
  for (let d = 1; d <= DEPARTMENTS; d++) text.push(`  - code: SO${d}\n    name: Sở chuyên ngành số ${d}\n    kind: department\n`);
  for (let h = 1; h <= DISTRICTS; h++) {
    text.push(`  - code: H${h}\n    name: Huyện ${h}\n    kind: district\n`);
    for (let x = 1; x <= COMMUNES_PER_DISTRICT; x++)
      text.push(`  - code: H${h}-X${x}\n    name: Xã ${x} huyện ${h}\n    kind: commune\n    parent: H${h}\n`);
  }
}

function pushIndicators(text: PlanText): void {
  text.push('indicators:\n');
  for (let i = 1; i <= INDICATORS; i++) {
    const k = kind(i);
    const unit = k === 'percent' || k === 'ratio' ? '"%"' : k === 'count' ? 'thủ tục' : k === 'score' ? 'điểm' : 'tỷ đồng';
    text.push(
      `  - code: syn-${i}\n    name: Chỉ tiêu tổng hợp số ${i} về chuyển đổi số\n    unit: ${unit}\n    kind: ${k}\n${k === 'ratio' ? '    scale: 100\n' : ''}    direction: ${i % 7 === 0 ? 'down' : 'up'}\n`,
    );
    if (i % 5 === 0) text.push(`    national_target: { op: ">=", value: ${40 + (i % 40)}, due: 2025-12-31, source: 749/QĐ-TTg }\n`);
  }
}

function pushDocument(text: PlanText, doc: number): void {
  text.push(
    `  - code: ${doc}/KH-UBND\n    type: plan\n    issuer: UBND tỉnh Tổng Hợp\n    issued: ${2020 + doc}-02-01\n    title: Kế hoạch chuyển đổi số năm ${2020 + doc}\n`,
  );
  text.push(
    `    period: { from: ${2020 + doc}-01-01, to: ${2020 + doc}-12-31 }\n    scope: province\n${doc > 1 ? `    implements: 1/KH-UBND\n` : ''}    goal_groups:\n`,
  );
  for (let g = 1; g <= 5; g++) {
    text.push(`      - code: MT${g}\n        name: Nhóm mục tiêu ${g}\n        declared_count: 20\n        goals:\n`);
    for (let n = 1; n <= 20; n++) {
      const i = ((doc * 31 + g * 7 + n) % INDICATORS) + 1;
      if (n % 10 === 0) {
        text.push(
          `          - code: MT${g}.${n}\n            title: Ban hành quy chế số ${n} của nhóm ${g}\n            milestone: true\n            due: ${2020 + doc}-12-31\n`,
        );
      } else {
        const value = kind(i) === 'percent' || kind(i) === 'ratio' ? 50 + (n % 40) : 100 + n * 3;
        text.push(
          `          - code: MT${g}.${n}\n            title: Đạt chỉ tiêu tổng hợp ${i} của nhóm ${g}\n            indicator: syn-${i}\n            target: { op: "${i % 7 === 0 ? '<=' : '>='}", value: ${value} }\n            due: ${2020 + doc}-12-31\n            source: dữ liệu tổng hợp\n`,
        );
      }
    }
  }
  text.push('    task_groups:\n');
  for (let g = 1; g <= 5; g++) {
    text.push(`      - code: NV${g}\n        name: Nhóm nhiệm vụ ${g}\n        tasks:\n`);
    for (let t = 1; t <= 60; t++) {
      const status = ['done', 'in_progress', 'not_started', 'in_progress'][t % 4];
      const progress = status === 'done' ? 100 : status === 'not_started' ? 0 : (t * 7) % 100;
      text.push(
        `          - code: NV${g}.${t}\n            title: Nhiệm vụ ${t} của nhóm ${g} năm ${2020 + doc}\n            lead: SO${(t % DEPARTMENTS) + 1}\n            support: [SO${((t + 3) % DEPARTMENTS) + 1}]\n            due: ${2020 + doc}-${String((t % 12) + 1).padStart(2, '0')}-28\n            status: ${status}\n            progress: ${progress}\n`,
      );
    }
  }
  text.push(
    `    reported:\n      - scope: document\n        met: 40\n        of: 100\n        open: 60\n        as_of: ${2020 + doc}-12-31\n`,
  );
}

function pushObservations(text: PlanText, code: string, targetBytes: number): void {
  text.push('observations:\n');
  const orgs = [code, ...Array.from({ length: DEPARTMENTS }, (_, d) => `SO${d + 1}`)];
  for (let h = 1; h <= DISTRICTS; h++) for (let x = 1; x <= COMMUNES_PER_DISTRICT; x++) orgs.push(`H${h}-X${x}`);
  // Months from 2021-01 for every (org, indicator) pair in turn until the file is big enough.
  for (let m = 0; m < 120 && text.size < targetBytes; m++) {
    const period = `${2021 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    for (const [o, org] of orgs.entries()) {
      for (let i = 1; i <= INDICATORS && text.size < targetBytes; i += o === 0 ? 1 : 6) {
        const k = kind(i);
        const base = k === 'percent' || k === 'ratio' ? 30 + ((i * 3 + o + m) % 60) : 100 + ((i * 13 + o * 7 + m * 5) % 900);
        if (k === 'ratio') {
          text.push(
            `  - indicator: syn-${i}\n    org: ${org}\n    period: "${period}"\n    numerator: ${base * 10}\n    denominator: 1000\n`,
          );
        } else {
          // Counts are whole numbers (a fraction is a plausibility warning); the rest have one decimal.
          text.push(
            `  - indicator: syn-${i}\n    org: ${org}\n    period: "${period}"\n    value: ${k === 'count' ? base : `${base}.${(o + m) % 10}`}\n`,
          );
        }
      }
    }
  }
}
