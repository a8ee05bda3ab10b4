import { emailProblem, notificationHref, parseDueSoonDays, webhookUrlProblem } from '@dx/web/notification-links';

describe('web notification helpers', () => {
  const pages = new Set(['#/cong-viec', '#/cho-duyet', '#/chi-dao', '#/bao-cao', '#/tong-quan']);
  const known = (path: string) => pages.has(path);

  it('a notification leads to its own link when that is a page, else to the page of its kind of item', () => {
    expect(notificationHref({ link: '#/cong-viec?task=t1', entity: { kind: 'task', id: 't1' } }, known)).toBe('#/cong-viec?task=t1');
    expect(notificationHref({ link: '#/duyet?submission=s1', entity: { kind: 'submission', id: 's1' } }, known)).toBe(
      '#/cho-duyet?submission=s1',
    );
    expect(notificationHref({ link: null, entity: { kind: 'directive', id: 'd1' } }, known)).toBe('#/chi-dao?directive=d1');
    expect(notificationHref({ link: null, entity: { kind: 'province', id: 'p1' } }, known)).toBeNull();
    expect(notificationHref({ link: null, entity: null }, known)).toBeNull();
  });

  it('reminder days are whole numbers from 1 to 365, written "7, 1"', () => {
    expect(parseDueSoonDays('7, 1')).toEqual([7, 1]);
    expect(parseDueSoonDays('1;14 7 7')).toEqual([14, 7, 1]);
    expect(parseDueSoonDays('')).toBeNull();
    expect(parseDueSoonDays('7, 0')).toBeNull();
    expect(parseDueSoonDays('7,5 ngày')).toBeNull();
    expect(parseDueSoonDays('400')).toBeNull();
  });

  it('an email address is checked before it is sent, with the reason in Vietnamese; empty clears it', () => {
    expect(emailProblem('')).toBeNull();
    expect(emailProblem(' can.bo@sokhcn.quangninh.gov.vn ')).toBeNull();
    expect(emailProblem('can.bo@')).toMatch(/^Địa chỉ email không hợp lệ/);
    expect(emailProblem('a b@c.vn')).toMatch(/không hợp lệ/);
    expect(emailProblem(`${'a'.repeat(250)}@b.vn`)).toMatch(/quá dài/);
  });

  it('a webhook address is https (http only for this machine)', () => {
    expect(webhookUrlProblem('')).toBeNull();
    expect(webhookUrlProblem('https://bridge.example.vn/dx')).toBeNull();
    expect(webhookUrlProblem('http://127.0.0.1:8080/hook')).toBeNull();
    expect(webhookUrlProblem('http://bridge.example.vn/dx')).toMatch(/https:\/\//);
    expect(webhookUrlProblem('ftp://x.vn')).toMatch(/https:\/\//);
    expect(webhookUrlProblem('không phải địa chỉ')).toMatch(/không hợp lệ/);
  });
});
