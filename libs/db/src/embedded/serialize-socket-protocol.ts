import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { ListenerTable, notificationChannel, NotificationSplitter } from './notification-router';

/** Message types that end a client's request: Query, Sync, Terminate, PasswordMessage, FunctionCall. */
const ENDS_REQUEST = new Set([0x51, 0x53, 0x58, 0x70, 0x46]);

interface QueuedMessage {
  handlerId: number;
  message: Uint8Array;
  resolve(bytes: number): void;
  reject(error: unknown): void;
  onData(data: Uint8Array): void;
}

interface QueryQueue {
  queue: QueuedMessage[];
  processing: boolean;
  lastHandlerId: number | null;
  db: {
    isInTransaction(): boolean;
    runExclusive<T>(fn: () => Promise<T>): Promise<T>;
    execProtocolRawStream(message: Uint8Array, options: { onRawData(data: Uint8Array): void }): Promise<unknown>;
  };
  processQueue(): Promise<void>;
  clearQueueForHandler(handlerId: number): void;
}

/** What this module uses of pglite-socket's per-connection handler. */
interface SocketHandler {
  handlerId: number;
  socket: { writable: boolean; write(bytes: Uint8Array): boolean } | null;
}

/**
 * pglite-socket 0.2.17 runs every protocol message of every connection on PGlite's one
 * backend in arrival order, keeping a connection's messages together only inside a
 * transaction. The extended protocol (Parse, Bind, Execute, Sync) of two connections
 * then interleaves, and one connection binds the other's statement ("bind message
 * supplies 2 parameters, but prepared statement requires 1"). This keeps each
 * connection's messages together until its request ends (Sync or a simple Query),
 * as a PostgreSQL server with one backend per connection would.
 *
 * It also delivers asynchronous notifications (LISTEN/NOTIFY) to the connections that
 * listen. PGlite's one backend reports a NOTIFY in the response of the statement that
 * committed it, so pglite-socket hands it to the notifying connection and the listener
 * never hears it. BullMQ's PostgreSQL backend blocks its worker on LISTEN for up to an hour
 * (until the next scheduled job), so lost notifications left jobs waiting until the
 * worker closed. Each notification is now taken out of the response and written to every
 * connection that ran LISTEN on its channel, as PostgreSQL would.
 */
export function serializeSocketProtocol(server: PGLiteSocketServer): void {
  const queue = (server as unknown as { queryQueue: QueryQueue }).queryQueue;
  const handlers = (server as unknown as { handlers: Set<SocketHandler> }).handlers;
  const listeners = new ListenerTable();
  let holder: number | null = null;

  /** Sends a notification to its listeners: in the response of the connection that asked, or on its socket. */
  const deliver = (message: Buffer, item: QueuedMessage) => {
    for (const id of listeners.listeners(notificationChannel(message))) {
      if (id === item.handlerId) {
        item.onData(message);
        continue;
      }
      for (const handler of handlers) {
        if (handler.handlerId === id && handler.socket?.writable) handler.socket.write(message);
      }
    }
  };

  queue.processQueue = async function processQueue(this: QueryQueue): Promise<void> {
    if (this.processing || this.queue.length === 0) return;
    this.processing = true;
    try {
      while (this.queue.length > 0) {
        const owner = holder ?? (this.db.isInTransaction() ? this.lastHandlerId : null);
        const index = owner === null ? 0 : this.queue.findIndex((q) => q.handlerId === owner);
        if (index === -1) break; // wait for the owner's next message
        const [item] = this.queue.splice(index, 1);
        let bytes = 0;
        listeners.record(item.handlerId, item.message);
        const response = new NotificationSplitter(
          (data) => {
            bytes += data.length;
            item.onData(data);
          },
          (message) => deliver(message, item),
        );
        try {
          await this.db.runExclusive(() => this.db.execProtocolRawStream(item.message, { onRawData: (data) => response.push(data) }));
        } catch (error) {
          holder = null;
          item.reject(error);
          continue;
        }
        this.lastHandlerId = item.handlerId;
        // A startup message has no type byte: its first byte is the high byte of its length (0).
        holder = item.message[0] === 0 || ENDS_REQUEST.has(item.message[0]) ? null : item.handlerId;
        item.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  };

  const clear = queue.clearQueueForHandler.bind(queue);
  queue.clearQueueForHandler = (handlerId: number) => {
    if (holder === handlerId) holder = null;
    listeners.forget(handlerId);
    clear(handlerId);
    void queue.processQueue();
  };
}
