import { useEffect, useState } from 'react';
import { session, User } from './api';
import { ROLE } from './format';
import { Audit } from './Audit';
import { Import } from './Import';
import { Overview } from './Overview';
import { PlanTree } from './PlanTree';
import { ProvinceMap } from './ProvinceMap';
import { Reports } from './Reports';
import { Submissions } from './Submissions';
import { Values } from './Values';
import { SignIn } from './SignIn';
import { Work } from './Work';

/** Pages by hash: #/dang-nhap, #/tong-quan, #/so-sanh-tinh, #/cong-viec, #/cho-duyet, #/bao-cao, #/nhap-ke-hoach. */
function useRoute(): string {
  const [route, setRoute] = useState(location.hash || '#/tong-quan');
  useEffect(() => {
    const on = () => setRoute(location.hash || '#/tong-quan');
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

export function App() {
  const route = useRoute();
  const [user, setUser] = useState<User | null>(session.user());
  if (!user || route === '#/dang-nhap') {
    return (
      <SignIn
        onSignedIn={(u) => {
          setUser(u);
          location.hash = '#/tong-quan';
        }}
      />
    );
  }
  const province = user.province ?? 'QNI';
  return (
    <>
      <header className="top">
        <strong>dx-tracker</strong>
        <nav aria-label="Trang">
          <a href="#/tong-quan" aria-current={route === '#/tong-quan' ? 'page' : undefined}>Tổng quan</a>
          <a href="#/cay-ke-hoach" aria-current={route === '#/cay-ke-hoach' ? 'page' : undefined}>Cây kế hoạch</a>
          <a href="#/so-sanh-tinh" aria-current={route === '#/so-sanh-tinh' ? 'page' : undefined}>So sánh theo tỉnh</a>
          <a href="#/cong-viec" aria-current={route === '#/cong-viec' ? 'page' : undefined}>Công việc</a>
          {['admin', 'officer', 'reporter'].includes(user.role) && <a href="#/so-lieu" aria-current={route === '#/so-lieu' ? 'page' : undefined}>Số liệu</a>}
          {user.role !== 'viewer' && <a href="#/cho-duyet" aria-current={route === '#/cho-duyet' ? 'page' : undefined}>Chờ duyệt</a>}
          <a href="#/bao-cao" aria-current={route === '#/bao-cao' ? 'page' : undefined}>Báo cáo</a>
          {['admin', 'officer', 'leader'].includes(user.role) && <a href="#/lich-su" aria-current={route === '#/lich-su' ? 'page' : undefined}>Nhật ký</a>}
          {(user.role === 'admin' || user.role === 'officer') && (
            <a href="#/nhap-ke-hoach" aria-current={route === '#/nhap-ke-hoach' ? 'page' : undefined}>Nhập kế hoạch</a>
          )}
        </nav>
        <span className="who">
          {user.displayName} · {ROLE[user.role]}
          {user.orgUnit && user.orgUnit !== province ? ` · ${user.orgUnit}` : ''}
        </span>
        <button
          type="button"
          onClick={() => {
            session.clear();
            setUser(null);
          }}
        >
          Đăng xuất
        </button>
      </header>
      <main>
        {route === '#/cay-ke-hoach' ? (
          <PlanTree province={province} />
        ) : route === '#/cong-viec' ? (
          <Work user={user} province={province} />
        ) : route === '#/so-sanh-tinh' ? (
          <ProvinceMap province={province} everyProvince={user.role === 'admin'} />
        ) : route === '#/nhap-ke-hoach' ? (
          <Import />
        ) : route === '#/bao-cao' ? (
          <Reports province={province} canOrder={['admin', 'officer', 'leader'].includes(user.role)} canSchedule={['admin', 'officer'].includes(user.role)} />
        ) : route === '#/lich-su' ? (
          <Audit province={province} />
        ) : route === '#/so-lieu' ? (
          <Values user={user} province={province} />
        ) : route === '#/cho-duyet' ? (
          <Submissions province={province} canDecide={['admin', 'officer'].includes(user.role)} />
        ) : (
          <Overview province={province} user={user} />
        )}
      </main>
    </>
  );
}
