import { ProvinceRepository } from '@dx/db';
import { accessMessages, assertAccess, canRead, DomainError, Localised, orgMessages, Principal, things } from '@dx/domain';

/** The id of the province with this code: PROVINCE_NOT_FOUND when there is none. */
export async function existingProvinceId(provinces: ProvinceRepository, code: string): Promise<string> {
  const provinceId = await provinces.provinceId(code);
  if (!provinceId) throw new DomainError('PROVINCE_NOT_FOUND', orgMessages.provinceNotFound(code));
  return provinceId;
}

/**
 * The id of a province the principal may read: PROVINCE_NOT_FOUND when there is none,
 * ACCESS_DENIED when it is another's. A province's people also read the provinces it was
 * formed from (their plans and figures stay attached to them, listed under it).
 */
export async function readableProvinceId(provinces: ProvinceRepository, principal: Principal, code: string): Promise<string> {
  const provinceId = await existingProvinceId(provinces, code);
  await assertReadable(provinces, principal, provinceId, things.province(code));
  return provinceId;
}

/** ACCESS_DENIED (`what` in the message) unless the principal reads the province: its own, or one its own was formed from. */
export async function assertReadable(
  provinces: ProvinceRepository,
  principal: Principal,
  provinceId: string,
  what: Localised,
): Promise<void> {
  const own = principal.provinceId;
  const allowed =
    canRead(principal, provinceId) || (own !== null && canRead(principal, own) && (await provinces.isPredecessor(provinceId, own)));
  assertAccess(allowed, accessMessages.noAccessTo(what));
}
