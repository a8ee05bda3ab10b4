import { ListenerTable, listenChanges, messageSql, notificationChannel, NotificationSplitter } from './notification-router';

/** A backend message: type byte, Int32 length (itself included), body. */
function backend(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header[0] = type.charCodeAt(0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const cstr = (s: string) => Buffer.from(`${s}\0`, 'utf8');
const notification = (channel: string, payload: string) =>
  backend('A', Buffer.concat([Buffer.from([0, 0, 0, 7]), cstr(channel), cstr(payload)]));
const query = (sql: string) => backend('Q', cstr(sql));
const parse = (name: string, sql: string) => backend('P', Buffer.concat([cstr(name), cstr(sql), Buffer.from([0, 0])]));

describe('LISTEN statements', () => {
  it.each([
    ['LISTEN bullmq_jobs;', [{ listen: true, channel: 'bullmq_jobs' }]],
    ['-- Subscribe (LISTEN here is a comment)\nLISTEN bullmq_jobs;\n', [{ listen: true, channel: 'bullmq_jobs' }]],
    ['listen Jobs', [{ listen: true, channel: 'jobs' }]],
    ['LISTEN "Jobs ""x"""', [{ listen: true, channel: 'Jobs "x"' }]],
    [
      'UNLISTEN jobs; UNLISTEN *',
      [
        { listen: false, channel: 'jobs' },
        { listen: false, channel: '*' },
      ],
    ],
    ["SELECT pg_notify('bullmq_jobs', 'LISTEN x')", []],
    ['SELECT 1', []],
  ])('%j', (sql, changes) => expect(listenChanges(sql)).toEqual(changes));

  it('reads the SQL of Query and Parse messages and nothing else', () => {
    expect(messageSql(query('LISTEN a'))).toBe('LISTEN a');
    expect(messageSql(parse('s1', 'LISTEN b'))).toBe('LISTEN b');
    expect(messageSql(backend('S', Buffer.alloc(0)))).toBeNull();
  });

  it('keeps per connection what it listens to, until UNLISTEN or it closes', () => {
    const table = new ListenerTable();
    table.record(1, query('LISTEN bullmq_jobs; LISTEN bullmq_events'));
    table.record(2, parse('', 'LISTEN bullmq_jobs'));
    expect(table.listeners('bullmq_jobs')).toEqual([1, 2]);
    table.record(1, query('UNLISTEN *'));
    expect(table.listeners('bullmq_events')).toEqual([]);
    table.forget(2);
    expect(table.listeners('bullmq_jobs')).toEqual([]);
  });
});

describe('NotificationSplitter', () => {
  const stream = Buffer.concat([
    backend('C', cstr('SELECT 1')),
    notification('bullmq_jobs', 'recompute'),
    backend('1', Buffer.alloc(0)),
    notification('bullmq_events', 'reports'),
    backend('Z', Buffer.from('I')),
  ]);
  const rest = Buffer.concat([backend('C', cstr('SELECT 1')), backend('1', Buffer.alloc(0)), backend('Z', Buffer.from('I'))]);

  /** Runs the stream through a splitter in chunks of `size` bytes. */
  function split(size: number) {
    const passed: Buffer[] = [];
    const notified: string[] = [];
    const splitter = new NotificationSplitter(
      (b) => passed.push(Buffer.from(b)),
      (m) => notified.push(notificationChannel(m)),
    );
    for (let i = 0; i < stream.length; i += size) splitter.push(new Uint8Array(stream.subarray(i, i + size)));
    return { passed: Buffer.concat(passed), notified };
  }

  it.each([1, 2, 3, 5, 7, 64, 4096])('takes the notifications out and passes every other byte in order, in chunks of %d', (size) => {
    const { passed, notified } = split(size);
    expect(notified).toEqual(['bullmq_jobs', 'bullmq_events']);
    expect(passed.equals(rest)).toBe(true);
  });
});
