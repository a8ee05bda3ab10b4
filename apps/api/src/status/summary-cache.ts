import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../../libs/config/src';
import { ProvinceSummary, readStampedProvinceSummary, readSummaryStamp, SummaryStamp } from '../../../../libs/status-engine/src';

/** A province's summary at an as-of date with what serves it again: the stamp it was read with, its JSON and ETag. */
export interface StampedSummary {
  readonly stamp: string;
  readonly summary: ProvinceSummary;
  /** The API's answer (`pendingJob: null`), serialised once (UTF-8). */
  readonly body: Buffer;
  readonly etag: string;
}

/**
 * Province summaries kept serialised, by province and as-of date (least recently used
 * first out, within SUMMARY_CACHE_MB). One is served again only while the province's
 * summary stamp is the one it was read with, so a summary is never staler than an uncached
 * read: any committed change to what it shows moves the stamp (migration 1765267200000).
 * Summaries not computed yet (no recompute for the date) are not kept.
 */
@Injectable()
export class SummaryCache {
  private readonly entries: LRUCache<string, StampedSummary> | null;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    // The parsed summary is kept too (the dashboard reads it): about twice the JSON's size again.
    this.entries = config.summaryCacheBytes > 0 ? new LRUCache({ maxSize: config.summaryCacheBytes, sizeCalculation: (e) => Math.max(1, e.body.length * 3) }) : null;
  }

  /** The province with this code and its current stamp (one indexed query); null when there is none. */
  stampOf(provinceCode: string): Promise<SummaryStamp | null> {
    return readSummaryStamp(this.dataSource, provinceCode);
  }

  /** The current summary at `asOf` of a province as `stampOf` just read it: from memory while the stamp is the same. Null if the province is gone. */
  async get(current: SummaryStamp, asOf: string): Promise<StampedSummary | null> {
    const key = `${current.provinceId}|${asOf}`;
    const kept = this.entries?.get(key);
    if (kept && kept.stamp === current.stamp) return kept;
    const read = await readStampedProvinceSummary(this.dataSource, current.provinceCode, asOf);
    if (!read || read.stamp.provinceId !== current.provinceId) return null;
    const body = Buffer.from(JSON.stringify({ ...read.summary, pendingJob: null }));
    const entry: StampedSummary = { stamp: read.stamp.stamp, summary: read.summary, body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    if (read.summary.computedAt) this.entries?.set(key, entry);
    return entry;
  }
}
