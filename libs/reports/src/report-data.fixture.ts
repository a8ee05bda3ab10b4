import { defaultHeading } from './report-text';
import type { ReportData } from './report.types';

/** A report's data for the builders' tests: Quảng Ninh, 37/KH-UBND, 2023-Q4. */
export const REPORT_DATA: ReportData = {
  heading: defaultHeading('Quảng Ninh', '2023-12-31'),
  province: { code: 'QNI', name: 'Quảng Ninh' },
  document: { code: '37/KH-UBND', title: 'Kế hoạch chuyển đổi số năm 2023', type: 'plan', scope: 'province' },
  period: '2023-Q4',
  asOf: '2023-12-31',
  issued: '2024-01-05',
  goals: { met: 3, total: 4, recorded: 4, declared: 7 },
  tasks: { total: 3, counts: { done: 1, in_progress: 1, not_started: 1, cancelled: 0 }, overdue: 1, recorded: 3, declared: 8 },
  goalGroups: [{ code: 'MT1', name: 'Chính quyền số', met: 3, total: 4, recorded: 4, declared: 7 }],
  taskGroups: [{ code: 'NV1', name: 'Nhận thức số', counts: { done: 1 }, total: 3, overdue: 1, recorded: 3, declared: 8 }],
  taskOutcomes: {
    total: { done_on_time: 1, done_late: 0, open_on_time: 1, open_overdue: 1 },
    byGroup: [{ code: 'NV1', name: 'Nhận thức số', counts: { done_on_time: 1, done_late: 0, open_on_time: 1, open_overdue: 1 } }],
    byLead: [
      { code: 'STTTT', name: 'Sở Thông tin và Truyền thông', counts: { done_on_time: 0, done_late: 0, open_on_time: 1, open_overdue: 1 } },
      { code: 'VPUBND', name: 'Văn phòng UBND tỉnh', counts: { done_on_time: 1, done_late: 0, open_on_time: 0, open_overdue: 0 } },
    ],
  },
  reconciliations: [
    {
      scope: 'document',
      asOf: '2023-12-31',
      reportedMet: 4,
      reportedOf: 4,
      reportedOpen: 0,
      computedMet: 3,
      computedTotal: 4,
      verdict: 'differs',
      differingGoals: ['MT1.4'],
      reasons: [],
    },
  ],
  goalLines: [
    {
      group: 'MT1',
      code: 'MT1.1',
      title: 'Tỷ lệ dịch vụ công trực tuyến toàn trình',
      target: '>= 80',
      actual: 81,
      actualPeriod: '2023-H2',
      attainment: 1.0125,
      status: 'met',
      source: 'Cổng DVC',
    },
  ],
  lateTasks: [
    {
      lead: 'STTTT',
      leadName: 'Sở Thông tin và Truyền thông',
      tasks: [{ code: 'NV1.2', title: 'Tập huấn kỹ năng số', due: '2023-06-30', status: 'in_progress', progress: 40, flag: 'overdue' }],
    },
  ],
  kpis: [
    {
      code: 'thu-nsnn',
      name: 'Tỷ lệ thu ngân sách không dùng tiền mặt',
      unit: '%',
      kind: 'percent',
      direction: 'up',
      period: '2023-H2',
      value: 99.2,
      target: null,
      met: null,
      previousPeriod: '2023-H1',
      previousValue: 98.5,
      previousChange: '0.7',
      yearAgoPeriod: '2022-H2',
      yearAgoValue: null,
      rank: 3,
      rankOf: 63,
    },
  ],
  directives: [
    {
      body: 'Đẩy nhanh tiến độ số hóa hồ sơ',
      target: 'NV1',
      assignee: 'Sở Thông tin và Truyền thông',
      due: '2023-11-30',
      status: 'open',
      overdue: true,
      answer: null,
    },
  ],
  changesSince: '2023-09-30',
  changes: [{ what: 'Mục tiêu MT1.1', field: 'status', from: 'on_track', to: 'met', asOf: '2023-12-31' }],
  trends: [
    {
      code: 'dvc',
      name: 'Dịch vụ công toàn trình',
      unit: '%',
      kind: 'percent',
      direction: 'up',
      points: [
        { period: '2023-Q2', value: 70 },
        { period: '2023-Q3', value: 76 },
        { period: '2023-Q4', value: 81 },
      ],
    },
  ],
  dti: {
    year: 2022,
    score: '0.7024',
    rank: 3,
    rankGiven: true,
    total: 63,
    scoreChange: '0.2052',
    rankChange: 4,
    pillars: [
      { name: 'Chính quyền số', score: '0.7804', rank: 4 },
      { name: 'Kinh tế số', score: '0.7187', rank: 9 },
      { name: 'Xã hội số', score: '0.6864', rank: 2 },
    ],
    indices: [
      { name: 'Thể chế số', score: null, rank: 1 },
      { name: 'Hoạt động xã hội số', score: null, rank: 2 },
    ],
    peers: [
      { name: 'Đà Nẵng', province: 'DNG', rank: 1, score: '0.8002', self: false },
      { name: 'TP. Hồ Chí Minh', province: null, rank: 2, score: '0.7163', self: false },
      { name: 'Quảng Ninh', province: 'QNI', rank: 3, score: '0.7024', self: true },
      { name: 'Hải Phòng', province: null, rank: 4, score: '0.6899', self: false },
    ],
    history: [
      { year: 2021, score: '0.4972', rank: 7, total: 63 },
      { year: 2022, score: '0.7024', rank: 3, total: 63 },
    ],
  },
};
