/** Where "now" comes from, so tests can move midnight. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Dates of plans and reports are Vietnamese calendar dates. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
