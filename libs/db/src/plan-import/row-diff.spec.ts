import { diffRows, idsByKey, parentsFirst } from './row-diff';

type Row = { id: string; code: string; name: string; parent: string | null };
const row = (id: string, code: string, name = code, parent: string | null = null): Row => ({ id, code, name, parent });

describe('diffRows', () => {
  it('sorts desired rows into inserts, field-level updates, unchanged and missing', () => {
    const existing = [row('1', 'A'), row('2', 'B'), row('3', 'C')];
    const ids = idsByKey(existing, (r) => r.code, ['A', 'B', 'D']);
    const desired = [row(ids.get('A')!, 'A'), row(ids.get('B')!, 'B', 'Bee'), row(ids.get('D')!, 'D')];
    const d = diffRows(existing, desired, (r) => r.code, ['name']);
    expect(d.unchanged).toBe(1);
    expect(d.updates).toEqual([{ id: '2', changes: { name: 'Bee' } }]);
    expect(d.inserts.map((r) => r.code)).toEqual(['D']);
    expect(d.inserts[0].id).not.toMatch(/^[123]$/);
    expect(d.missing.map((r) => r.code)).toEqual(['C']);
  });

  it('compares only the listed fields', () => {
    const d = diffRows([row('1', 'A', 'x', 'p')], [row('1', 'A', 'x', 'q')], (r) => r.code, ['name']);
    expect(d.unchanged).toBe(1);
  });
});

describe('parentsFirst', () => {
  it('puts each row after its parent, whatever the input order', () => {
    const rows = [row('c', 'C', 'C', 'b'), row('b', 'B', 'B', 'a'), row('a', 'A'), row('d', 'D', 'D', 'outside')];
    const order = parentsFirst(rows, (r) => r.parent).map((r) => r.id);
    expect(order.indexOf('a')).toBeLessThan(order.indexOf('b'));
    expect(order.indexOf('b')).toBeLessThan(order.indexOf('c'));
    expect(order).toHaveLength(4);
  });
});
