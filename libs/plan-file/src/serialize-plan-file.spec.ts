import fc from 'fast-check';
import { PlanFile, PlanIndicator, TASK_STATUSES } from '@dx/domain';
import { formatIssue } from './plan-file-issue';
import { parsePlanFile } from './parse-plan-file';
import { serializePlanFile } from './serialize-plan-file';

/** Text as users write it: Vietnamese, YAML-significant characters, numbers-as-text; trimmed, NFC, non-empty. */
const text = fc
  .array(
    fc.constantFrom(
      'Sở',
      'Thông tin',
      'và',
      'Truyền thông',
      'ư',
      'Đ',
      ':',
      '#',
      '- ',
      '"',
      "'",
      '{',
      '[',
      '&',
      '*',
      '!',
      '%',
      '@',
      '2023',
      'yes',
      'null',
      '0.5',
      'true',
      ' ',
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join('').normalize('NFC').trim())
  .filter((s) => s.length > 0);
const date = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2035-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const decimal = fc.integer({ min: 0, max: 10000 }).chain((n) => fc.constantFrom(String(n), (n / 100).toString(), (n / 10000).toString()));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const plan: fc.Arbitrary<PlanFile> = fc
  .record({
    agencyCount: fc.integer({ min: 1, max: 4 }),
    indicatorCount: fc.integer({ min: 2, max: 3 }),
    provinceName: text,
    validFrom: maybe(date),
    names: fc.array(text, { minLength: 12, maxLength: 12 }),
    dates: fc.array(date, { minLength: 6, maxLength: 6 }),
    values: fc.array(decimal, { minLength: 6, maxLength: 6 }),
    status: fc.constantFrom(...TASK_STATUSES),
    evidence: maybe(fc.record({ number: maybe(text), date: maybe(date), issuer: maybe(text) })),
    withParent: fc.boolean(),
    milestone: fc.boolean(),
  })
  .map((r) => {
    const agencies = Array.from({ length: r.agencyCount }, (_, i) => ({
      code: `A${i}`,
      name: r.names[i],
      kind: (['department', 'district', 'commune', 'other'] as const)[i % 4],
      parent: r.withParent && i > 0 ? 'A0' : null,
    }));
    const indicators: PlanIndicator[] = Array.from({ length: r.indicatorCount }, (_, i) => ({
      code: `kpi-${i}`,
      name: r.names[4 + i],
      unit: i === 0 ? '%' : r.names[7],
      kind: i === 0 ? ('ratio' as const) : ('count' as const),
      scale: i === 0 ? '100' : null,
      direction: i === 2 ? ('down' as const) : ('up' as const),
      nationalTarget: i === 0 ? { op: '>=' as const, value: '80', due: r.dates[0], source: r.names[8] } : null,
      dti: null,
    }));
    indicators.push({ ...indicators[1], code: 'kpi-dti', unit: 'hạng', kind: 'rank', direction: 'down', dti: 'government.rank' });
    const evidence = r.evidence && (r.evidence.number || r.evidence.date || r.evidence.issuer) ? r.evidence : null;
    return {
      province: { code: 'PBT', name: r.provinceName, validFrom: r.validFrom },
      agencies,
      indicators,
      documents: [
        {
          code: '12/KH-UBND',
          type: 'plan' as const,
          issuer: r.names[9],
          issued: r.dates[1],
          title: r.names[10],
          period: { from: '2023-01-01', to: '2023-12-31' },
          scope: 'province' as const,
          implements: null,
          goalGroups: [
            {
              code: 'MT1',
              name: r.names[11],
              declaredCount: 1,
              goals: [
                {
                  code: 'MT1.1',
                  title: r.names[0],
                  indicator: r.milestone ? null : 'kpi-0',
                  target: r.milestone ? null : { op: '>=' as const, value: String(Math.min(100, Number(r.values[0]))) },
                  milestone: r.milestone,
                  baseline: r.milestone ? null : { value: '1.5', date: r.dates[2] },
                  due: r.dates[3],
                  reportedStatus: 'met' as const,
                  reportedAsOf: r.dates[4],
                  evidence,
                  source: r.names[5],
                  note: r.names[6],
                },
              ],
            },
          ],
          taskGroups: [
            {
              code: 'NV1',
              name: r.names[2],
              declaredCount: null,
              tasks: [
                {
                  code: 'NV1.1',
                  title: r.names[3],
                  lead: 'A0',
                  support: agencies.slice(1).map((a) => a.code),
                  due: r.dates[5],
                  status: r.status,
                  progress: r.status === 'done' ? 100 : 40,
                  evidence,
                },
              ],
            },
          ],
          reported: [{ scope: 'document', met: 1, of: 1, open: 0, asOf: r.dates[4], source: null }],
        },
      ],
      observations: [
        { indicator: 'kpi-0', org: 'PBT', period: '2023', value: '50', numerator: '1', denominator: '2', source: r.names[1], note: null },
        {
          indicator: `kpi-${r.indicatorCount - 1}`,
          org: 'A0',
          period: '2023-Q3',
          value: r.values[1],
          numerator: null,
          denominator: null,
          source: null,
          note: r.names[7],
        },
      ],
    };
  });

describe('serializePlanFile', () => {
  it('round-trips any valid plan through YAML exactly', () => {
    fc.assert(
      fc.property(plan, (p) => {
        const parsed = parsePlanFile(Buffer.from(serializePlanFile(p, 'header: # not a key')));
        expect(parsed.errors.map(formatIssue)).toEqual([]);
        expect(parsed.plan).toEqual(p);
      }),
      { numRuns: 200, seed: 20231031 },
    );
  });
});
