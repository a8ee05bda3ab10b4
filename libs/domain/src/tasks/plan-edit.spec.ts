import type { Principal } from '../access/access-policy';
import {
  canEditPlan,
  checkCancelReason,
  checkGoalDraft,
  checkGoalEdit,
  checkTaskDraft,
  checkTaskEdit,
  PlanEditContext,
  suggestItemCode,
} from './plan-edit';

const ctx: PlanEditContext = {
  groups: ['NV1', 'NV3'],
  codes: ['NV1.1', 'NV1.2', 'NV3.1', 'NV3.4', 'NV3.x'],
  agencies: ['QNI', 'STTTT', 'SNV'],
  indicators: ['dvc-toan-trinh'],
};
const paths = (problems: { path: string }[]) => problems.map((p) => p.path);
const person = (role: Principal['role'], provinceId: string | null = 'p1'): Principal => ({
  userId: 'u',
  username: 'u',
  role,
  orgUnitId: null,
  provinceId,
  scopes: null,
});

describe('canEditPlan', () => {
  it.each([
    ['admin', null, true],
    ['officer', 'p1', true],
    ['officer', 'p2', false],
    ['reporter', 'p1', false],
    ['leader', 'p1', false],
    ['viewer', 'p1', false],
  ] as const)('%s of %s: %s', (role, province, allowed) => {
    expect(canEditPlan(person(role, province), 'p1')).toBe(allowed);
  });

  it('refuses API tokens, even an admin’s', () => {
    expect(canEditPlan({ ...person('admin', null), scopes: ['read', 'tasks:write'] }, 'p1')).toBe(false);
  });
});

describe('suggestItemCode', () => {
  it.each([
    ['NV3', 'NV3.5'],
    ['NV1', 'NV1.3'],
    ['NV9', 'NV9.1'],
  ])('%s → %s', (group, code) => {
    expect(suggestItemCode(group, ctx.codes)).toBe(code);
  });
});

describe('checkTaskDraft', () => {
  it('accepts a complete task', () => {
    expect(checkTaskDraft({ group: 'NV1', title: 'Nhiệm vụ', lead: 'STTTT', support: ['SNV'], due: '2024-02-29' }, ctx, 'vi')).toEqual([]);
  });

  it('names every problem by its field, in the reader’s language', () => {
    const problems = checkTaskDraft(
      { group: 'NV2', code: 'nv1.1', title: ' ', lead: 'XX', support: ['SNV', 'SNV', 'YY'], due: '2023-02-29', status: 'cancelled' },
      ctx,
      'vi',
    );
    expect(paths(problems)).toEqual(['group', 'code', 'title', 'lead', 'support[1]', 'support[2]', 'due', 'status']);
    expect(problems[3].messages).toEqual(['"lead" không phải cơ quan của tỉnh']);
    expect(checkTaskDraft({ group: 'NV1', title: 'x', lead: 'XX' }, ctx, 'en')[0].messages).toEqual([
      '"lead" is not one of the province\'s agencies',
    ]);
  });

  it('refuses a done task whose progress is not 100 and a code in the wrong form', () => {
    expect(paths(checkTaskDraft({ group: 'NV1', code: 'a b', title: 'x', lead: 'QNI', status: 'done', progress: 50 }, ctx, 'vi'))).toEqual([
      'code',
      'progress',
    ]);
  });
});

describe('checkTaskEdit', () => {
  it('needs a change, and a supporting agency other than the lead', () => {
    expect(paths(checkTaskEdit({}, { lead: 'STTTT' }, ctx, 'vi'))).toEqual(['']);
    expect(paths(checkTaskEdit({ support: ['STTTT'] }, { lead: 'STTTT' }, ctx, 'vi'))).toEqual(['support[0]']);
    expect(checkTaskEdit({ lead: 'SNV', support: ['STTTT'], due: null }, { lead: 'STTTT' }, ctx, 'vi')).toEqual([]);
  });
});

describe('goals', () => {
  it('a new goal is quantitative (a province indicator and a target) or a milestone, with a due date', () => {
    expect(checkGoalDraft({ group: 'NV1', title: 'Mốc', due: '2025-12-31' }, ctx, 'vi')).toEqual([]);
    const quantitative = {
      group: 'NV1',
      title: 'Tỷ lệ',
      due: '2025-12-31',
      indicator: 'dvc-toan-trinh',
      target: { op: '>=' as const, value: 80 },
    };
    expect(checkGoalDraft(quantitative, ctx, 'vi')).toEqual([]);
    expect(paths(checkGoalDraft({ ...quantitative, indicator: 'khac' }, ctx, 'vi'))).toEqual(['indicator']);
    expect(paths(checkGoalDraft({ ...quantitative, target: null }, ctx, 'vi'))).toEqual(['target']);
    expect(paths(checkGoalDraft({ group: 'NV1', title: 'x', due: '' }, ctx, 'vi'))).toEqual(['due']);
  });

  it('an edit changes something; a milestone has no target', () => {
    expect(paths(checkGoalEdit({}, { kind: 'quantitative' }, 'vi'))).toEqual(['']);
    expect(paths(checkGoalEdit({ target: { op: '>=', value: 1 } }, { kind: 'milestone' }, 'vi'))).toEqual(['target']);
    expect(checkGoalEdit({ title: 'Mới', due: '2026-01-31' }, { kind: 'milestone' }, 'vi')).toEqual([]);
  });
});

describe('checkCancelReason', () => {
  it('requires a reason', () => {
    expect(checkCancelReason('  ', 'vi')).toEqual([{ path: 'reason', messages: ['"reason" là bắt buộc'] }]);
    expect(checkCancelReason('Trùng nhiệm vụ khác', 'vi')).toEqual([]);
  });
});
