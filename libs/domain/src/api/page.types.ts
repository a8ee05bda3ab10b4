/** One page of a list endpoint's items and how many there are in all. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}
