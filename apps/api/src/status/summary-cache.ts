import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { DataSource } from 'typeorm';
import { AppConfig } from '@dx/config';
import { batchedLookup, ProvinceRepository } from '@dx/db';
import { DomainError, orgMessages, Principal, SummaryResponse, things } from '@dx/domain';
import { assertReadable } from '../common/readable-province';
import { SerialisedAnswer, serialisedAnswer } from './work-answer-cache';
import { kpiPage, ProvinceSummary, readStampedProvinceSummary, readSummaryStamps, SummaryStamp } from '@dx/status-engine';

/** The summary endpoint's answer, serialised (UTF-8), with its ETag. */
export type SummaryAnswer = SerialisedAnswer;

/** The API's answer: the summary with one page of its KPIs and the job computing it, if any. */
export function summaryAnswer(summary: ProvinceSummary, page: number, pageSize: number, pendingJob: string | null): SummaryAnswer {
  const { items, total } = kpiPage(summary.kpis, page, pageSize);
  return serialisedAnswer({ ...summary, kpis: items, kpiPage: { page, pageSize, total }, pendingJob } satisfies SummaryResponse);
}

/** KPI pages kept per summary (clients ask for the first pages; more are made again). */
const MAX_ANSWERS = 4;

/** A province's summary at an as-of date, the stamp it was read with, and its answers serialised so far (per KPI page). */
export class KeptSummary {
  private readonly answers = new Map<string, SummaryAnswer>();
  /** Bytes it holds, roughly: the parsed summary and up to MAX_ANSWERS answers, each about its JSON's size. */
  readonly size: number;

  constructor(
    readonly stamp: string,
    readonly summary: ProvinceSummary,
  ) {
    this.size = JSON.stringify(summary).length * (2 + MAX_ANSWERS);
  }

  /** The answer with this page of KPIs, serialised once (the summary is computed, so no job is pending). */
  answer(page: number, pageSize: number): SummaryAnswer {
    const key = `${page}/${pageSize}`;
    let answer = this.answers.get(key);
    if (!answer) {
      if (this.answers.size >= MAX_ANSWERS) this.answers.clear();
      answer = summaryAnswer(this.summary, page, pageSize, null);
      this.answers.set(key, answer);
    }
    return answer;
  }
}

/**
 * Province summaries kept in memory, by province and as-of date (least recently used first
 * out, within SUMMARY_CACHE_MB), with their serialised answers. One is served again only
 * while the province's summary stamp is the one it was read with, so a summary is never
 * staler than an uncached read: any committed change to what it shows moves the stamp
 * (migration 1765267200000). Summaries not computed yet (no recompute for the date) are not kept.
 */
@Injectable()
export class SummaryCache {
  private readonly entries: LRUCache<string, KeptSummary> | null;
  /**
   * Stamps of concurrent requests are read together, never kept (each sees every commit made before it asked), and on
   * the connection of the request (batchedLookup), as the summary they validate is: with DATABASE_READ_URL both come
   * from the replica, so a kept summary is never served against a stamp that the replica has not reached yet.
   */
  private readonly stamps = batchedLookup((codes) => readSummaryStamps(this.dataSource, codes));

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    this.entries =
      config.summaryCacheBytes > 0 ? new LRUCache({ maxSize: config.summaryCacheBytes, sizeCalculation: (e) => e.size }) : null;
  }

  /** The province with this code and its current stamp (one indexed query, shared with concurrent requests); null when there is none. */
  stampOf(provinceCode: string): Promise<SummaryStamp | null> {
    return this.stamps.load(provinceCode);
  }

  /** The current summary of a province the principal reads: PROVINCE_NOT_FOUND or ACCESS_DENIED as for any province. */
  async readable(
    provinces: ProvinceRepository,
    principal: Principal,
    provinceCode: string,
    asOf: string,
  ): Promise<{ provinceId: string; kept: KeptSummary }> {
    const missing = () => new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotFound(provinceCode));
    const current = await this.stampOf(provinceCode);
    if (!current) throw missing();
    await assertReadable(provinces, principal, current.provinceId, things.province(provinceCode));
    const kept = await this.get(current, asOf);
    if (!kept) throw missing();
    return { provinceId: current.provinceId, kept };
  }

  /** The current summary at `asOf` of a province as `stampOf` just read it: from memory while the stamp is the same. Null if the province is gone. */
  async get(current: SummaryStamp, asOf: string): Promise<KeptSummary | null> {
    const key = `${current.provinceId}|${asOf}`;
    const kept = this.entries?.get(key);
    if (kept && kept.stamp === current.stamp) return kept;
    const read = await readStampedProvinceSummary(this.dataSource, current.provinceCode, asOf);
    if (!read || read.stamp.provinceId !== current.provinceId) return null;
    const entry = new KeptSummary(read.stamp.stamp, read.summary);
    if (read.summary.computedAt) this.entries?.set(key, entry);
    return entry;
  }
}
