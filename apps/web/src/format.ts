/** Vietnamese formats: 1.034 · 99,2 · 81% · 31/10/2023. */
const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });
export const viNumber = (v: string | number | null | undefined) => (v === null || v === undefined ? '—' : number.format(Number(v)));
/** A value with its unit: 81% · 1.180 dịch vụ. */
export const withUnit = (v: string | null, u: string) => (v === null ? '—' : u === '%' ? `${viNumber(v)}%` : `${viNumber(v)} ${u}`.trim());
export const viDate = (d: string | null | undefined) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '—');
export const today = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

export const GOAL_STATUS: Record<string, string> = {
  met: 'đạt', not_met: 'không đạt', on_track: 'đúng tiến độ', at_risk: 'có nguy cơ', in_progress: 'đang thực hiện', no_data: 'chưa có số liệu',
};
export const TASK_STATUS: Record<string, string> = { not_started: 'chưa bắt đầu', in_progress: 'đang thực hiện', done: 'hoàn thành', cancelled: 'đã hủy' };
export const VERDICT: Record<string, string> = { consistent: 'khớp với số liệu', differs: 'khác số liệu tính được', self_inconsistent: 'báo cáo tự mâu thuẫn' };
export const ROLE: Record<string, string> = { admin: 'quản trị', officer: 'cán bộ Sở TT&TT', reporter: 'báo cáo viên', leader: 'lãnh đạo', viewer: 'người xem' };
