// Runs embedded-PostgreSQL checks in a plain Node process (PGlite's WebAssembly loader
// needs dynamic import, which jest's VM sandbox does not allow). Prints one JSON line.
const { Pool } = require('pg');
const { startEmbeddedPostgres, readEmbeddedLock } = require('../../dist/libs/db/src');

async function concurrent(dir) {
  const db = await startEmbeddedPostgres(dir);
  const pool = new Pool({ connectionString: db.url, max: 6 });
  let errors = 0;
  let wrong = 0;
  // Transactions with parameterised statements on some connections while others run
  // single parameterised queries: the mix that made pglite-socket mix up statements.
  const transaction = async (k) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      for (let j = 0; j < 20; j++) {
        const r = await client.query('SELECT $1::int + $2::int AS v', [j, k]);
        if (r.rows[0].v !== j + k) wrong++;
      }
      await client.query('CREATE TABLE IF NOT EXISTS t (v int)');
      if (k === 0) await client.query('INSERT INTO t VALUES ($1)', [7]);
      await client.query('COMMIT');
    } catch {
      errors++;
      await client.query('ROLLBACK').catch(() => undefined);
    } finally {
      client.release();
    }
  };
  const single = async (i) => {
    try {
      const r =
        i % 2 ? await pool.query('SELECT $1::int * 2 AS v, $2::text AS t', [i, 'x']) : await pool.query('SELECT $1::int * 2 AS v', [i]);
      if (r.rows[0].v !== i * 2) wrong++;
    } catch {
      errors++;
    }
  };
  try {
    await transaction(0);
    await Promise.all([...Array.from({ length: 10 }, (_, k) => transaction(k + 1)), ...Array.from({ length: 300 }, (_, i) => single(i))]);
    const lock = readEmbeddedLock(dir);
    return { errors, wrong, lockPid: Boolean(lock && lock.pid === process.pid) };
  } finally {
    await pool.end();
    await db.close();
  }
}

async function reopen(dir) {
  const db = await startEmbeddedPostgres(dir);
  const pool = new Pool({ connectionString: db.url, max: 1 });
  const rows = (await pool.query('SELECT v FROM t')).rows;
  await pool.end();
  await db.close();
  return { rows, lockAfterClose: readEmbeddedLock(dir) };
}

/** A NOTIFY from one connection reaches the connection that ran LISTEN (idle), not the one that sent it. */
async function notify(dir) {
  const { Client } = require('pg');
  const db = await startEmbeddedPostgres(dir);
  const listener = new Client({ connectionString: db.url });
  const sender = new Client({ connectionString: db.url });
  const heard = { listener: [], sender: [] };
  try {
    await listener.connect();
    await sender.connect();
    listener.on('notification', (m) => heard.listener.push(`${m.channel}:${m.payload}`));
    sender.on('notification', (m) => heard.sender.push(`${m.channel}:${m.payload}`));
    await listener.query('LISTEN bullmq_jobs');
    await sender.query("SELECT pg_notify('bullmq_jobs', 'recompute')");
    await sender.query('BEGIN');
    await sender.query("SELECT pg_notify('bullmq_jobs', 'reports')");
    await sender.query("SELECT pg_notify('other', 'x')");
    await sender.query('COMMIT');
    await new Promise((r) => setTimeout(r, 200));
    await listener.query('UNLISTEN *');
    await sender.query("SELECT pg_notify('bullmq_jobs', 'after-unlisten')");
    await new Promise((r) => setTimeout(r, 200));
    return heard;
  } finally {
    await listener.end();
    await sender.end();
    await db.close();
  }
}

const [command, dir] = process.argv.slice(2);
({ concurrent, reopen, notify })
  [command](dir)
  .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
  .catch((error) => {
    process.stdout.write(`${JSON.stringify({ error: error.message })}\n`);
    process.exitCode = 1;
  });
