/**
 * A response type as a client reads it after JSON: dates become ISO strings, everything
 * else keeps its shape. The API declares what it returns (with `Date`s); the web reads
 * `Serialized<ThatType>`, so neither side restates the fields.
 */
export type Serialized<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? Serialized<U>[]
    : T extends object
      ? { [K in keyof T]: Serialized<T[K]> }
      : T;
