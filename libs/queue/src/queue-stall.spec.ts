import { queueStallReason } from './queue-stall';

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
