import { useEffect, useState } from 'react';
import type { ProvinceListItem } from '@dx/domain';
import type { User } from './api';
import { useApi } from './use-api';

/** Where an admin's choice of province is kept between visits (this browser). */
export const PROVINCE_KEY = 'dx-province';
/** The province an admin bound to none starts on. */
const DEFAULT_PROVINCE = 'QNI';

function stored(): string | null {
  try {
    return localStorage.getItem(PROVINCE_KEY);
  } catch {
    return null;
  }
}

/**
 * The province the pages work on: an admin's choice (kept in localStorage; at first its own province, or Quảng Ninh),
 * everyone else's own province, which they cannot change.
 */
export function useProvince(user: User | null): [string, (code: string) => void] {
  const [chosen, setChosen] = useState<string | null>(stored);
  const choose = (code: string) => {
    try {
      localStorage.setItem(PROVINCE_KEY, code);
    } catch {
      // Storage refused (private mode, full): the choice lasts until the page is reloaded.
    }
    setChosen(code);
  };
  if (user?.role !== 'admin') return [user?.province ?? DEFAULT_PROVINCE, choose];
  return [chosen ?? user.province ?? DEFAULT_PROVINCE, choose];
}

/** An admin's province switch in the header: the provinces it may see, by name (those that ended say when). */
export function ProvinceSelect({ province, onChange }: { province: string; onChange: (code: string) => void }) {
  const { data } = useApi<{ items: ProvinceListItem[] }>('/api/v1/provinces');
  const items = data?.items ?? [];
  // A kept choice the admin can no longer see (a province removed since): the first listed instead.
  const fallback = items.length > 0 && !items.some((p) => p.code === province) ? items[0].code : null;
  useEffect(() => {
    if (fallback) onChange(fallback);
  }, [fallback, onChange]);
  return (
    <label className="province-select">
      Tỉnh
      <select value={province} onChange={(e) => onChange(e.target.value)}>
        {!items.some((p) => p.code === province) && <option value={province}>{province}</option>}
        {items.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
            {p.validTo ? ` (đến ${p.validTo.slice(8, 10)}/${p.validTo.slice(5, 7)}/${p.validTo.slice(0, 4)})` : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
