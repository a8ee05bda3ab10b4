/** The answers of the province routes are declared in libs/domain, shared with the web. */
export type { ProvinceListItem, ProvinceResponse } from '@dx/domain';
