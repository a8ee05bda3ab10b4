import { REPORTED_STATUSES } from '../plan.types';
import { evaluateGoal } from './goal-evaluation';
import { GOAL_STATUS_LABELS_VI, reconcileCounts, reconcileGoals, statusMatchesReported } from './reconciliation';
import { GOAL_STATUSES, type GoalComparisonInput, type GoalInput, type GoalStatus } from './status.types';

describe('statusMatchesReported', () => {
  const matches: Record<(typeof REPORTED_STATUSES)[number], GoalStatus[]> = {
    met: ['met'],
    not_met: ['not_met'],
    in_progress: ['on_track', 'at_risk', 'in_progress'],
  };
  for (const reported of REPORTED_STATUSES) {
    for (const computed of GOAL_STATUSES) {
      const expected = matches[reported].includes(computed);
      it(`reported ${reported} ${expected ? 'matches' : 'does not match'} computed ${computed}`, () => {
        expect(statusMatchesReported(reported, computed)).toBe(expected);
      });
    }
  }
});

describe('GOAL_STATUS_LABELS_VI', () => {
  it('names every status in Vietnamese', () => {
    expect(GOAL_STATUS_LABELS_VI).toEqual({
      met: 'đạt',
      not_met: 'không đạt',
      on_track: 'đúng tiến độ',
      at_risk: 'có nguy cơ chậm',
      in_progress: 'đang thực hiện',
      no_data: 'chưa có số liệu',
    });
  });
});

describe('reconcileCounts', () => {
  it('is consistent when the claim agrees with itself and with the computed count', () => {
    expect(reconcileCounts({ met: 5, of: 9, open: 4 }, 5, 9)).toEqual({
      verdict: 'consistent',
      selfInconsistent: false,
      differs: false,
      reportedMet: 5,
      reportedOf: 9,
      reportedOpen: 4,
      computedMet: 5,
      computedTotal: 9,
      differingGoals: [],
      reasons: [],
    });
  });

  it.each([
    // claim, computed met, computed total, verdict, self-inconsistent, differs, reasons
    [{ met: 6, of: 9, open: null }, 5, 9, 'differs', false, true, ['Báo cáo ghi 6/9 đạt nhưng số liệu tính được 5/9']],
    [{ met: 5, of: 9, open: null }, 5, 8, 'differs', false, true, ['Báo cáo ghi 5/9 đạt nhưng số liệu tính được 5/8']],
    [{ met: 5, of: 9, open: null }, 5, 9, 'consistent', false, false, []],
    [{ met: 6, of: 9, open: 4 }, 6, 9, 'self_inconsistent', true, false, ['Báo cáo tự mâu thuẫn: 6 đạt + 4 chưa đạt ≠ 9']],
    [{ met: 6, of: 9, open: 3 }, 6, 9, 'consistent', false, false, []],
    [{ met: 9, of: 9, open: 0 }, 9, 9, 'consistent', false, false, []],
    [{ met: 10, of: 9, open: null }, 10, 9, 'self_inconsistent', true, false, ['Báo cáo tự mâu thuẫn: 10 đạt nhiều hơn tổng số 9']],
    [
      { met: 6, of: 9, open: 4 },
      5,
      9,
      'self_inconsistent',
      true,
      true,
      ['Báo cáo tự mâu thuẫn: 6 đạt + 4 chưa đạt ≠ 9', 'Báo cáo ghi 6/9 đạt nhưng số liệu tính được 5/9'],
    ],
  ])('reconciles claim %p with computed %i/%i as %s', (claim, met, total, verdict, selfInconsistent, differs, reasons) => {
    expect(reconcileCounts(claim, met, total)).toMatchObject({
      verdict,
      selfInconsistent,
      differs,
      reasons,
      computedMet: met,
      computedTotal: total,
    });
  });

  it('differs when only goals differ, listing them in code order', () => {
    const r = reconcileCounts({ met: 2, of: 3, open: 1 }, 2, 3, [
      { code: 'MT1.10', reported: 'in_progress', computed: 'no_data' },
      { code: 'MT1.3', reported: 'met', computed: 'no_data' },
    ]);
    expect(r.verdict).toBe('differs');
    expect(r.differingGoals.map((g) => g.code)).toEqual(['MT1.3', 'MT1.10']);
    expect(r.reasons).toEqual([
      'Mục tiêu MT1.3: báo cáo "đạt", tính được "chưa có số liệu"',
      'Mục tiêu MT1.10: báo cáo "đang thực hiện", tính được "chưa có số liệu"',
    ]);
  });
});

describe('reconcileGoals', () => {
  it('counts computed met goals and lists the goals that disagree with their report', () => {
    const goals: GoalComparisonInput[] = [
      { code: 'MT2', reportedStatus: 'met', computed: 'at_risk' },
      { code: 'MT1', reportedStatus: 'met', computed: 'met' },
      { code: 'MT3', reportedStatus: null, computed: 'not_met' },
      { code: 'MT4', reportedStatus: 'in_progress', computed: 'on_track' },
      { code: 'MT5', reportedStatus: 'not_met', computed: 'met' },
    ];
    const r = reconcileGoals({ met: 2, of: 5, open: 3 }, goals);
    expect(r).toMatchObject({ verdict: 'differs', selfInconsistent: false, differs: true, computedMet: 2, computedTotal: 5 });
    expect(r.differingGoals).toEqual([
      { code: 'MT2', reported: 'met', computed: 'at_risk' },
      { code: 'MT5', reported: 'not_met', computed: 'met' },
    ]);
    expect(r.reasons).toEqual([
      'Mục tiêu MT2: báo cáo "đạt", tính được "có nguy cơ chậm"',
      'Mục tiêu MT5: báo cáo "không đạt", tính được "đạt"',
    ]);
  });

  it('finds the Quảng Ninh 2023 report self-inconsistent: "6/9 met, 4 open" with 5 goals met and 4 in progress', () => {
    // CDS-2023-QG (data/plans/quang-ninh.yaml): nine milestones due 2023-12-31, MT1.1–MT1.5
    // reported met without evidence, MT1.6–MT1.9 reported in progress; the claim, as of
    // 2023-10-31, says 6 of 9 met and lists 4 still open.
    const asOf = '2023-10-31';
    const goals: GoalComparisonInput[] = Array.from({ length: 9 }, (_, i) => {
      const goal: GoalInput = {
        code: `MT1.${i + 1}`,
        kind: 'milestone',
        targetOp: null,
        targetValue: null,
        baselineValue: null,
        baselineDate: null,
        due: '2023-12-31',
        reportedStatus: i < 5 ? 'met' : 'in_progress',
        evidence: null,
      };
      return { code: goal.code, reportedStatus: goal.reportedStatus, computed: evaluateGoal(goal, null, [], asOf).status };
    });
    expect(goals.map((g) => g.computed)).toEqual([...Array(5).fill('met'), ...Array(4).fill('in_progress')]);

    expect(reconcileGoals({ met: 6, of: 9, open: 4 }, goals)).toEqual({
      verdict: 'self_inconsistent',
      selfInconsistent: true,
      differs: true,
      reportedMet: 6,
      reportedOf: 9,
      reportedOpen: 4,
      computedMet: 5,
      computedTotal: 9,
      differingGoals: [],
      reasons: ['Báo cáo tự mâu thuẫn: 6 đạt + 4 chưa đạt ≠ 9', 'Báo cáo ghi 6/9 đạt nhưng số liệu tính được 5/9'],
    });
  });

  it('is consistent for an empty scope with a claim of 0/0', () => {
    expect(reconcileGoals({ met: 0, of: 0, open: null }, []).verdict).toBe('consistent');
  });
});
