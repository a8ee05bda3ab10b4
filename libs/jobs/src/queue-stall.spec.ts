import { jobRunnableSince, queueStallReason } from './queue-stall';

describe('jobRunnableSince', () => {
  it('is the creation time of a job added to run at once', () => {
    expect(jobRunnableSince({ timestamp: 1_000, delay: 0 })).toBe(1_000);
  });

  it("is a scheduled job's tick, not the previous tick when the scheduler created it", () => {
    const created = Date.UTC(2026, 10, 1, 0, 0);
    const month = 30 * 86_400_000;
    expect(jobRunnableSince({ timestamp: created, delay: month })).toBe(created + month);
  });

  it("is a retried job's last attempt plus its backoff", () => {
    expect(jobRunnableSince({ timestamp: 1_000, delay: 4_000, processedOn: 60_000 })).toBe(64_000);
  });
});

describe('queueStallReason', () => {
  it('is null while no job waits or the oldest is within the limit', () => {
    expect(queueStallReason(null, 60_000)).toBeNull();
    expect(queueStallReason(0, 60_000)).toBeNull();
    expect(queueStallReason(60_000, 60_000)).toBeNull();
  });

  it('names the wait and the limit in Vietnamese past the limit', () => {
    expect(queueStallReason(185_000, 60_000)).toBe(
      'có công việc đã chờ 3 phút 5 giây chưa được xử lý (giới hạn 1 phút): bộ xử lý hàng đợi không nhận việc, số liệu tính toán có thể chưa cập nhật',
    );
  });
});
