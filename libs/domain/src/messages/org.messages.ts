import { msg, viDateTime, viDay } from './msg';

/** Provinces, agencies (org units), province maps and reorganisations. */
export const orgMessages = {
  provinceNotFound: (code: string) => msg(`Không tìm thấy tỉnh có mã "${code}"`, `no province with code "${code}"`),
  provinceNotOn: (code: string, date: string) =>
    msg(`Không có tỉnh mang mã "${code}" vào ngày ${viDay(date)}`, `no province has code "${code}" on ${date}`),
  orgUnitNotFound: (code: string, province: string) =>
    msg(`Tỉnh ${province} không có cơ quan "${code}"`, `no org unit "${code}" in ${province}`),
  orgUnitNotFoundInProvince: (code: string, province: string) =>
    msg(`Tỉnh "${province}" không có cơ quan "${code}"`, `no org unit "${code}" in province "${province}"`),
  successorsBackwards: (to: string, from: string) =>
    msg(
      `Tỉnh kế thừa tính theo chiều thời gian: ngày ${viDay(to)} trước ngày ${viDay(from)}`,
      `successors run forward in time: ${to} is before ${from}`,
    ),
  notIsoDate: (date: string) => msg(`"${date}" không phải là ngày dạng YYYY-MM-DD`, `not a YYYY-MM-DD date: "${date}"`),
  noMapCovers: (date: string) => msg(`Không có bản đồ hành chính nào áp dụng cho ngày ${viDay(date)}`, `no province map covers ${date}`),
  reaggregationBackwards: (map: string, period: string, end: string) =>
    msg(
      `Chỉ tổng hợp lại sang bản đồ hành chính mới hơn: ngày ${viDay(map)} trước ngày kết thúc kỳ ${period} (${viDay(end)})`,
      `re-aggregation goes onto a later map: ${map} is before the end of ${period} (${end})`,
    ),
  reorganisationReused: (code: string, appliedAt: Date) =>
    msg(
      `Đợt sắp xếp ${code} đã được áp dụng lúc ${viDateTime(appliedAt)} từ một tệp khác; hãy đặt mã riêng cho tệp này`,
      `reorganisation ${code} was applied on ${appliedAt.toISOString()} from a different file; give this one its own code`,
    ),
  reorganisationProblems: (n: number, code: string, suggestCreateMissing: boolean) =>
    msg(
      `${n} lỗi trong đợt sắp xếp ${code}; chưa ghi gì vào cơ sở dữ liệu` +
        (suggestCreateMissing
          ? '; các tỉnh trong danh mục tham chiếu (data/provinces/) chưa có ở đây có thể được tạo bằng --create-missing'
          : ''),
      `${n} problem(s) in reorganisation ${code}; nothing was written` +
        (suggestCreateMissing
          ? '; provinces of the reference list (data/provinces/) that are not here yet can be created with --create-missing'
          : ''),
    ),
};
