import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@dx/config';
import { batchedLookup, readWorkStamps, WorkStamp } from '@dx/db';

/** An answer serialised (UTF-8) with its ETag. */
export interface SerialisedAnswer {
  readonly body: Buffer;
  readonly etag: string;
}

export function serialisedAnswer(value: unknown): SerialisedAnswer {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
}

interface KeptAnswer {
  /** The stamps the answer was read with. */
  readonly stamp: string;
  readonly answer: SerialisedAnswer;
}

/**
 * Task-list pages and dashboards kept serialised, by what they were asked for (least recently used first out, within
 * SUMMARY_CACHE_MB as the summaries). One is served again only while the province's work stamp (and, for what also
 * shows a summary, its summary stamp) is the one it was read with, so an answer is never staler than an uncached
 * read: every committed change to what it shows moves the stamp (migration 1770000000080). Keys name everything else
 * the answer depends on, today's date included; never who asks (these answers are the same for every principal who
 * may read the province, which callers check on every request before asking here).
 */
@Injectable()
export class WorkAnswerCache {
  private readonly entries: LRUCache<string, KeptAnswer> | null;
  /** Stamps of concurrent requests, read together on their own connection (see SummaryCache.stamps), never kept. */
  private readonly stamps = batchedLookup((codes) => readWorkStamps(this.dataSource, codes));

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.entries =
      config.summaryCacheBytes > 0
        ? new LRUCache({ maxSize: config.summaryCacheBytes, sizeCalculation: (e) => e.answer.body.length + e.stamp.length + 200 })
        : null;
  }

  /** The province with this code and its current work stamp (one indexed query, shared with concurrent requests); null when there is none. */
  stampOf(provinceCode: string): Promise<WorkStamp | null> {
    return this.stamps.load(provinceCode);
  }

  /**
   * The answer asked for as `key`, from memory if it was read at the stamps just read (`current`, as `stampOf` gave
   * it, and `also`, the other stamps it shows: a kept summary's); else `read` in one snapshot (REPEATABLE READ, read
   * only) with the work stamp, and kept under that. Null if the province is gone.
   */
  async answer(key: string, current: WorkStamp, read: (m: EntityManager) => Promise<unknown>, also = ''): Promise<SerialisedAnswer | null> {
    const kept = this.entries?.get(key);
    if (kept && kept.stamp === `${also}/${current.stamp}`) return kept.answer;
    const fresh = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('SET TRANSACTION READ ONLY');
      const stamp = (await readWorkStamps(m, [current.provinceCode])).get(current.provinceCode);
      if (stamp?.provinceId !== current.provinceId) return null;
      return { stamp: `${also}/${stamp.stamp}`, answer: serialisedAnswer(await read(m)) };
    });
    if (fresh) this.entries?.set(key, fresh);
    return fresh?.answer ?? null;
  }
}
