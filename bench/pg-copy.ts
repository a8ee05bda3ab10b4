import { Client } from 'pg';

/**
 * `COPY … TO STDOUT` and `COPY … FROM STDIN` on a node-postgres client, for the import
 * benchmark's baseline. node-postgres has no COPY API of its own (pg-copy-streams adds
 * one); it accepts any object with `submit(connection)` as a query and hands it the
 * protocol messages, which is all COPY needs. The whole data is held in memory: the
 * baseline times the server loading rows, not a stream.
 */
interface Connection {
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

class CopyQuery {
  readonly chunks: Buffer[] = [];
  rowCount = 0;
  readonly done: Promise<void>;
  private settle!: (error: Error | null) => void;

  constructor(
    private readonly text: string,
    private readonly input: Buffer[] | null,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.settle = (error) => (error ? reject(error) : resolve());
    });
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: Connection): void {
    for (const chunk of this.input ?? []) connection.sendCopyFromChunk(chunk);
    connection.endCopyFrom();
  }

  handleCopyData(msg: { chunk: Buffer }): void {
    // The parser reuses its buffer: keep a copy.
    this.chunks.push(Buffer.from(msg.chunk));
  }

  handleCommandComplete(msg: { text: string }): void {
    this.rowCount = Number(/(\d+)$/.exec(msg.text)?.[1] ?? 0);
  }

  /** The client drops the query on an error message (no readyForQuery reaches it), so settle here. */
  handleError(error: Error): void {
    this.settle(error);
  }

  handleReadyForQuery(): void {
    this.settle(null);
  }

  // Not sent for COPY; present because the client calls them on any active query.
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
}

/** The rows of `select` in COPY text format. */
export async function copyOut(client: Client, select: string): Promise<{ data: Buffer; rows: number }> {
  const query = new CopyQuery(`COPY (${select}) TO STDOUT`, null);
  client.query(query as never);
  await query.done;
  return { data: Buffer.concat(query.chunks), rows: query.rowCount };
}

/** Loads COPY text-format data into `table` (columns in `columns` order); returns the rows loaded. */
export async function copyIn(client: Client, table: string, columns: string[], data: Buffer): Promise<number> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < data.length; i += 64 * 1024) chunks.push(data.subarray(i, i + 64 * 1024));
  const query = new CopyQuery(`COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN`, chunks);
  client.query(query as never);
  await query.done;
  return query.rowCount;
}
