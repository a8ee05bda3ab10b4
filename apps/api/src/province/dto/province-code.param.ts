import { IsProvinceCode } from '../../common/fields';

export class ProvinceCodeParam {
  @IsProvinceCode('code')
  code: string;
}
