import { readdirSync } from 'fs';
import { join } from 'path';
import { formatIssue, loadPlanFile } from '@dx/plan-file';
import { REPO } from '../../factories/plan-file.factory';

const PLANS = join(REPO, 'data/plans');

describe('the demo plan files shipped in data/plans', () => {
  it.each(readdirSync(PLANS).filter((f) => f.endsWith('.yaml')))('%s reads with no error', (name) => {
    const file = loadPlanFile(join(PLANS, name));
    expect(file.errors.map(formatIssue)).toEqual([]);
    expect(file.plan).toBeDefined();
  });

  it('the illustrative province says it is illustrative, and has the whole workflow to show', () => {
    const { plan } = loadPlanFile(join(PLANS, 'tinh-mau.yaml'));
    expect(plan!.province.name).toContain('dữ liệu minh họa');
    const planDoc = plan!.documents.find((d) => d.type === 'plan')!;
    expect(planDoc.title).toContain('dữ liệu minh họa');
    const tasks = planDoc.taskGroups.flatMap((g) => g.tasks);
    expect(planDoc.taskGroups).toHaveLength(10);
    expect(tasks).toHaveLength(40);
    const leads = new Set(tasks.map((t) => t.lead));
    expect(leads.size).toBeGreaterThanOrEqual(6);
    const today = '2026-12-03';
    const late = tasks.filter((t) => t.status !== 'done' && t.status !== 'cancelled' && t.due && t.due < today);
    const doneWithEvidence = tasks.filter((t) => t.status === 'done' && t.evidence?.number && t.evidence.date);
    const doneAfterDue = doneWithEvidence.filter((t) => t.due && t.evidence!.date! > t.due);
    expect(late.length).toBeGreaterThanOrEqual(5);
    expect(doneWithEvidence.length).toBeGreaterThanOrEqual(10);
    expect(doneAfterDue.length).toBeGreaterThanOrEqual(3);
    // Two years of monthly values for every indicator the file tracks.
    const months = new Set(plan!.observations.filter((o) => /^\d{4}-\d{2}$/.test(o.period)).map((o) => o.period));
    expect(months.size).toBeGreaterThanOrEqual(24);
  });
});
