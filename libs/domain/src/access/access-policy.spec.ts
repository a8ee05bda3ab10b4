import {
  canAnswer,
  canApprove,
  canEditObservation,
  canRead,
  canReadAudit,
  canReview,
  canUpdateTask,
  canWriteObservation,
  canWriteObservationsIn,
  needsApproval,
  Principal,
  readableProvince,
  Role,
} from './access-policy';

const P1 = 'province-1';
const P2 = 'province-2';
const AGENCY = 'agency-a';
const OTHER_AGENCY = 'agency-b';

function principal(role: Role, overrides: Partial<Principal> = {}): Principal {
  return {
    userId: 'u',
    username: 'u',
    role,
    orgUnitId: role === 'admin' ? null : AGENCY,
    provinceId: role === 'admin' ? null : P1,
    scopes: null,
    ...overrides,
  };
}

describe('access policy', () => {
  const task = { provinceId: P1, leadId: AGENCY };

  it.each([
    ['admin', true],
    ['officer', true],
    ['reporter', true],
    ['leader', false],
    ['viewer', false],
  ] as const)('%s may update a task its agency leads in its province: %s', (role, allowed) => {
    expect(canUpdateTask(principal(role), task)).toBe(allowed);
  });

  it('a reporter cannot update a task another agency leads; an officer can', () => {
    expect(canUpdateTask(principal('reporter'), { provinceId: P1, leadId: OTHER_AGENCY })).toBe(false);
    expect(canUpdateTask(principal('officer'), { provinceId: P1, leadId: OTHER_AGENCY })).toBe(true);
  });

  it.each(['officer', 'reporter', 'leader', 'viewer'] as const)('%s never crosses provinces', (role) => {
    const p = principal(role);
    expect(canRead(p, P2)).toBe(false);
    expect(canUpdateTask(p, { provinceId: P2, leadId: AGENCY })).toBe(false);
    expect(canWriteObservation(p, { provinceId: P2, orgUnitId: AGENCY })).toBe(false);
    expect(canReadAudit(p, P2)).toBe(false);
  });

  it.each([
    ['admin', true, true],
    ['officer', true, false],
    ['reporter', true, false],
    ['leader', false, false],
    ['viewer', false, false],
  ] as const)('%s may enter values in its own province: %s, in another: %s', (role, own, other) => {
    expect(canWriteObservationsIn(principal(role), P1)).toBe(own);
    expect(canWriteObservationsIn(principal(role), P2)).toBe(other);
  });

  it('admins read and write everywhere', () => {
    const p = principal('admin');
    expect(canRead(p, P2)).toBe(true);
    expect(canWriteObservation(p, { provinceId: P2, orgUnitId: OTHER_AGENCY })).toBe(true);
    expect(canReadAudit(p, null)).toBe(true);
    expect(readableProvince(p)).toBeNull();
    expect(readableProvince(principal('viewer'))).toBe(P1);
  });

  it('officers correct or remove any KPI value of their province; a reporter only those it entered itself', () => {
    const value = { provinceId: P1, orgUnitId: AGENCY, enteredBy: 'someone-else' };
    expect(canEditObservation(principal('officer'), value)).toBe(true);
    expect(canEditObservation(principal('officer'), { ...value, provinceId: P2 })).toBe(false);
    expect(canEditObservation(principal('reporter'), value)).toBe(false);
    expect(canEditObservation(principal('reporter'), { ...value, enteredBy: 'u' })).toBe(true);
    expect(canEditObservation(principal('reporter'), { ...value, orgUnitId: OTHER_AGENCY, enteredBy: 'u' })).toBe(false);
    expect(canEditObservation(principal('leader'), value)).toBe(false);
    expect(canEditObservation(principal('viewer'), value)).toBe(false);
  });

  it('reporters enter KPI values for their own org unit only; officers for any org unit of the province', () => {
    expect(canWriteObservation(principal('reporter'), { provinceId: P1, orgUnitId: AGENCY })).toBe(true);
    expect(canWriteObservation(principal('reporter'), { provinceId: P1, orgUnitId: OTHER_AGENCY })).toBe(false);
    expect(canWriteObservation(principal('officer'), { provinceId: P1, orgUnitId: OTHER_AGENCY })).toBe(true);
    expect(canWriteObservation(principal('leader'), { provinceId: P1, orgUnitId: AGENCY })).toBe(false);
  });

  it('the audit log is for admins, officers and leaders of the province, not for reporters, viewers or tokens', () => {
    expect(canReadAudit(principal('officer'), P1)).toBe(true);
    expect(canReadAudit(principal('leader'), P1)).toBe(true);
    expect(canReadAudit(principal('reporter'), P1)).toBe(false);
    expect(canReadAudit(principal('viewer'), P1)).toBe(false);
    expect(canReadAudit(principal('officer', { scopes: ['read'] }), P1)).toBe(false);
  });

  it('an API token does only what its scopes name, within its role', () => {
    const token = principal('reporter', { scopes: ['observations:write'] });
    expect(canWriteObservation(token, { provinceId: P1, orgUnitId: AGENCY })).toBe(true);
    expect(canUpdateTask(token, task)).toBe(false);
    expect(canRead(token, P1)).toBe(false);
    const leaderToken = principal('leader', { scopes: ['observations:write', 'tasks:write'] });
    expect(canWriteObservation(leaderToken, { provinceId: P1, orgUnitId: AGENCY })).toBe(false);
  });
});

describe('workflow rules', () => {
  it("reporters' writes wait for approval unless the province trusts them; others' never do", () => {
    expect(needsApproval(principal('reporter'), false)).toBe(true);
    expect(needsApproval(principal('reporter'), true)).toBe(false);
    expect(needsApproval(principal('officer'), false)).toBe(false);
  });

  it('officers approve in their province, admins anywhere; tokens and other roles never', () => {
    expect(canApprove(principal('officer'), P1)).toBe(true);
    expect(canApprove(principal('officer'), P2)).toBe(false);
    expect(canApprove(principal('admin'), P2)).toBe(true);
    expect(canApprove(principal('leader'), P1)).toBe(false);
    expect(canApprove(principal('officer', { scopes: ['tasks:write'] }), P1)).toBe(false);
  });

  it('leaders direct, officers only comment; the assignee agency answers', () => {
    expect(canReview(principal('leader'), P1, 'directive')).toBe(true);
    expect(canReview(principal('officer'), P1, 'directive')).toBe(false);
    expect(canReview(principal('officer'), P1, 'comment')).toBe(true);
    expect(canReview(principal('leader'), P2, 'comment')).toBe(false);
    expect(canAnswer(principal('reporter'), { provinceId: P1, assigneeId: AGENCY })).toBe(true);
    expect(canAnswer(principal('reporter'), { provinceId: P1, assigneeId: OTHER_AGENCY })).toBe(false);
    expect(canAnswer(principal('viewer'), { provinceId: P1, assigneeId: AGENCY })).toBe(false);
    expect(
      canAnswer(principal('reporter', { scopes: ['observations:write', 'tasks:write'] }), { provinceId: P1, assigneeId: AGENCY }),
    ).toBe(false);
  });
});
