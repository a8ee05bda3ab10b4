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
      const r = i % 2 ? await pool.query('SELECT $1::int * 2 AS v, $2::text AS t', [i, 'x']) : await pool.query('SELECT $1::int * 2 AS v', [i]);
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

const [command, dir] = process.argv.slice(2);
({ concurrent, reopen })[command](dir)
  .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
  .catch((error) => {
    process.stdout.write(`${JSON.stringify({ error: error.message })}\n`);
    process.exitCode = 1;
  });
