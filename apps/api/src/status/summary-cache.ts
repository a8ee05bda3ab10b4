import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../../libs/config/src';
import { ProvinceSummary, readStampedProvinceSummary, readSummaryStamp } from '../../../../libs/status-engine/src';

/** A province's summary at an as-of date with what serves it again: the stamp it was read with, its JSON and ETag. */
export interface StampedSummary {
  readonly stamp: string;
  readonly summary: ProvinceSummary;
  /** The API's answer (`pendingJob: null`), serialised once. */
  readonly json: string;
  readonly etag: string;
}

/**
 * Province summaries kept serialised, by province and as-of date (least recently used
 * first out, within SUMMARY_CACHE_MB). One is served again only while the province's
 * summary stamp is the one it was read with (one indexed query), so a summary is never
 * staler than an uncached read: any committed change to what it shows moves the stamp.
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
    this.entries =
      config.summaryCacheBytes > 0 ? new LRUCache({ maxSize: config.summaryCacheBytes, sizeCalculation: (e) => Math.max(1, e.json.length * 3) }) : null;
  }

  /** The current summary of an existing province (its id and code), from memory when still current. Null if the province is gone. */
  async get(provinceId: string, provinceCode: string, asOf: string): Promise<StampedSummary | null> {
    const key = `${provinceId}|${asOf}`;
    const kept = this.entries?.get(key);
    if (kept && kept.stamp === (await readSummaryStamp(this.dataSource, provinceId))) return kept;
    const { stamp, summary } = await readStampedProvinceSummary(this.dataSource, provinceId, provinceCode, asOf);
    if (!summary) return null;
    const json = JSON.stringify({ ...summary, pendingJob: null });
    const entry: StampedSummary = { stamp, summary, json, etag: `"${createHash('sha1').update(json).digest('base64url')}"` };
    if (summary.computedAt) this.entries?.set(key, entry);
    return entry;
  }
}
