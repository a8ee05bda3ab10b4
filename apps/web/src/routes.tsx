import type { ReactNode } from 'react';
import type { Role } from '@dx/domain';
import type { User } from './api';
import { Audit } from './Audit';
import { DtiRanking } from './DtiRanking';
import { Directives } from './Directives';
import { Import } from './Import';
import { Inbox } from './Inbox';
import { INBOX, NOTIFICATION_SETTINGS } from './notification-links';
import { NotificationSettings } from './NotificationSettings';
import { Overview } from './Overview';
import { PlanTree } from './PlanTree';
import { ProvinceMap } from './ProvinceMap';
import { Reports } from './Reports';
import { Submissions } from './Submissions';
import { Values } from './Values';
import { Work } from './Work';

/** What every page is given: the signed-in user and the province it works on. */
export interface PageProps {
  user: User;
  province: string;
}

export interface Route {
  hash: string;
  /** The link's text in the top navigation. */
  label: string;
  /** Who sees the link; everyone when absent. The API still decides what each may do. */
  roles?: readonly Role[];
  /** Not among the navigation's links (reached from the header's "Thông báo" link and the inbox). */
  offNav?: true;
  page: (props: PageProps) => ReactNode;
}

const overseers: readonly Role[] = ['admin', 'officer', 'leader'];
const officers: readonly Role[] = ['admin', 'officer'];

/** Every page, in the navigation's order; the first is the home page (also for an unknown hash). */
export const ROUTES: readonly Route[] = [
  { hash: '#/tong-quan', label: 'Tổng quan', page: ({ user, province }) => <Overview province={province} user={user} /> },
  { hash: '#/cay-ke-hoach', label: 'Cây kế hoạch', page: ({ user, province }) => <PlanTree user={user} province={province} /> },
  {
    hash: '#/so-sanh-tinh',
    label: 'So sánh theo tỉnh',
    page: ({ user, province }) => <ProvinceMap province={province} everyProvince={user.role === 'admin'} />,
  },
  { hash: '#/xep-hang-dti', label: 'Xếp hạng DTI', page: ({ province }) => <DtiRanking province={province} /> },
  { hash: '#/cong-viec', label: 'Công việc', page: ({ user, province }) => <Work user={user} province={province} /> },
  {
    hash: '#/so-lieu',
    label: 'Số liệu',
    roles: ['admin', 'officer', 'reporter'],
    page: ({ user, province }) => <Values user={user} province={province} />,
  },
  {
    hash: '#/cho-duyet',
    label: 'Chờ duyệt',
    roles: ['admin', 'officer', 'reporter', 'leader'],
    page: ({ user, province }) => <Submissions province={province} canDecide={officers.includes(user.role)} />,
  },
  { hash: '#/chi-dao', label: 'Chỉ đạo', page: ({ user, province }) => <Directives user={user} province={province} /> },
  {
    hash: '#/bao-cao',
    label: 'Báo cáo',
    page: ({ user, province }) => (
      <Reports province={province} canOrder={overseers.includes(user.role)} canSchedule={officers.includes(user.role)} />
    ),
  },
  { hash: '#/lich-su', label: 'Nhật ký', roles: overseers, page: ({ province }) => <Audit province={province} /> },
  { hash: '#/nhap-ke-hoach', label: 'Nhập kế hoạch', roles: officers, page: () => <Import /> },
  { hash: INBOX, label: 'Thông báo', offNav: true, page: () => <Inbox isPage={isPage} /> },
  {
    hash: NOTIFICATION_SETTINGS,
    label: 'Cài đặt thông báo',
    offNav: true,
    page: ({ user, province }) => <NotificationSettings user={user} province={province} />,
  },
];

export const HOME = ROUTES[0].hash;
export const SIGN_IN = '#/dang-nhap';

/**
 * The page a hash opens: an unknown hash opens the home page, as a bare address does. What follows a `?`
 * (`#/cong-viec?task=…`, a notification's link) names an item on the page, not another page.
 */
export function routeFor(hash: string): Route {
  const path = hash.split('?')[0];
  return ROUTES.find((r) => r.hash === path) ?? ROUTES[0];
}

/** Whether a hash path is one of the pages (an unknown one would open the home page). */
function isPage(path: string): boolean {
  return ROUTES.some((r) => r.hash === path);
}

/** Whether a user may open a page (the API still decides what each may do on it). */
export function mayOpen(route: Route, user: User): boolean {
  return !route.roles || route.roles.includes(user.role);
}

/** The links a user sees. */
export function routesFor(user: User): Route[] {
  return ROUTES.filter((r) => !r.offNav && mayOpen(r, user));
}
