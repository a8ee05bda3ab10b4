import { dueInText, goalChangeLines } from './notification-text';

describe('notification texts', () => {
  it('names a goal change by its code and the statuses in Vietnamese', () => {
    const [line] = goalChangeLines([{ code: 'MT1', field: 'status', from: 'in_progress', to: 'met' }]);
    expect(line.vi).toMatch(/^Mục tiêu MT1: .+ → .+$/);
    expect(line.vi).not.toMatch(/in_progress|met\b/);
  });

  it("names a claim about the whole document in Vietnamese, never by the scope's key", () => {
    const [whole, group] = goalChangeLines([
      { code: 'document', field: 'verdict', from: null, to: 'mismatch' },
      { code: 'MT', field: 'verdict', from: null, to: 'mismatch' },
    ]);
    expect(whole.vi).toMatch(/^Báo cáo về toàn văn bản: /);
    expect(whole.vi).not.toMatch(/document/);
    expect(whole.en).toMatch(/the whole document/);
    expect(group.vi).toMatch(/^Báo cáo về MT: /);
  });

  it('counts the days to a due date', () => {
    expect(dueInText('2026-12-10', '2026-12-03').vi).toBe('còn 7 ngày đến hạn');
    expect(dueInText('2026-12-04', '2026-12-03').vi).toBe('đến hạn ngày mai');
    expect(dueInText('2026-12-03', '2026-12-03').vi).toBe('đến hạn hôm nay');
  });
});
