/** Backend message type of an asynchronous notification (NotificationResponse, 'A'). */
const NOTIFICATION_RESPONSE = 0x41;
/** Frontend message types that carry SQL text: simple Query ('Q') and Parse ('P'). */
const QUERY = 0x51;
const PARSE = 0x50;

/** A LISTEN or UNLISTEN statement: the channel, or '*' for UNLISTEN *. */
export interface ListenChange {
  listen: boolean;
  channel: string;
}

/** Removes `--` line comments and `/* *\/` block comments (not inside quotes; enough for LISTEN statements). */
function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
}

/** An SQL identifier as PostgreSQL stores it: quoted keeps its case, unquoted is folded to lower case. */
function identifier(token: string): string {
  return token.startsWith('"') ? token.slice(1, -1).replace(/""/g, '"') : token.toLowerCase();
}

/** The LISTEN / UNLISTEN statements of an SQL text, in order. */
export function listenChanges(sql: string): ListenChange[] {
  const changes: ListenChange[] = [];
  for (const statement of stripComments(sql).split(';')) {
    const m = /^\s*(UNLISTEN|LISTEN)\s+("(?:[^"]|"")+"|[A-Za-z_][\w$]*|\*)\s*$/i.exec(statement);
    if (!m) continue;
    const listen = m[1].toUpperCase() === 'LISTEN';
    if (listen && m[2] === '*') continue;
    changes.push({ listen, channel: m[2] === '*' ? '*' : identifier(m[2]) });
  }
  return changes;
}

/** The SQL text of a frontend Query or Parse message, or null for any other message. */
export function messageSql(message: Uint8Array): string | null {
  const type = message[0];
  if (type !== QUERY && type !== PARSE) return null;
  const body = Buffer.from(message.buffer, message.byteOffset + 5, message.length - 5);
  let start = 0;
  if (type === PARSE) start = body.indexOf(0) + 1; // skip the statement name
  const end = body.indexOf(0, start);
  return body.toString('utf8', start, end === -1 ? body.length : end);
}

/** The channel of a complete NotificationResponse message (Int32 pid, String channel, String payload). */
export function notificationChannel(message: Buffer): string {
  const end = message.indexOf(0, 9);
  return message.toString('utf8', 9, end);
}

/**
 * Splits a backend response stream into the bytes for the connection that asked and the
 * NotificationResponse messages in it, without buffering anything but the notifications and
 * a message header split across chunks. One instance per request (its chunks are in order).
 */
export class NotificationSplitter {
  private header = Buffer.alloc(0);
  private remaining = 0;
  private notification: Buffer[] | null = null;

  constructor(
    private readonly pass: (bytes: Buffer) => void,
    private readonly notify: (message: Buffer) => void,
  ) {}

  push(chunk: Uint8Array): void {
    const data = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const out: Buffer[] = [];
    let pos = 0;
    while (pos < data.length) {
      if (this.remaining === 0) {
        // Collect the 5-byte header (type, Int32 length) of the next message.
        const take = Math.min(5 - this.header.length, data.length - pos);
        this.header = Buffer.concat([this.header, data.subarray(pos, pos + take)]);
        pos += take;
        if (this.header.length < 5) break;
        this.remaining = this.header.readInt32BE(1) - 4;
        if (this.header[0] === NOTIFICATION_RESPONSE) this.notification = [this.header];
        else out.push(this.header);
        this.header = Buffer.alloc(0);
        if (this.remaining === 0) this.endMessage();
        continue;
      }
      const take = Math.min(this.remaining, data.length - pos);
      const part = data.subarray(pos, pos + take);
      if (this.notification) this.notification.push(Buffer.from(part));
      else out.push(part);
      pos += take;
      this.remaining -= take;
      if (this.remaining === 0) {
        if (out.length) this.pass(Buffer.concat(out.splice(0)));
        this.endMessage();
      }
    }
    if (out.length) this.pass(Buffer.concat(out));
  }

  private endMessage(): void {
    if (!this.notification) return;
    const message = Buffer.concat(this.notification);
    this.notification = null;
    this.notify(message);
  }
}

/**
 * Which connection listens to which channel. PGlite has one backend, so a NOTIFY is reported
 * in the response of whichever connection's statement committed it, not to the connection
 * that ran LISTEN: this table lets the socket layer send each notification where a PostgreSQL
 * server with one backend per connection would.
 */
export class ListenerTable {
  private readonly channels = new Map<number, Set<string>>();

  /** Records the LISTEN / UNLISTEN statements of a message a connection sent. */
  record(connection: number, message: Uint8Array): void {
    const sql = messageSql(message);
    if (sql === null || !/listen/i.test(sql)) return;
    for (const change of listenChanges(sql)) {
      const set = this.channels.get(connection) ?? new Set<string>();
      if (change.listen) set.add(change.channel);
      else if (change.channel === '*') set.clear();
      else set.delete(change.channel);
      if (set.size) this.channels.set(connection, set);
      else this.channels.delete(connection);
    }
  }

  forget(connection: number): void {
    this.channels.delete(connection);
  }

  /** The connections listening to `channel`. */
  listeners(channel: string): number[] {
    return [...this.channels].filter(([, set]) => set.has(channel)).map(([id]) => id);
  }
}
