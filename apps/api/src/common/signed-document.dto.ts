import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * The number and the signer a printed document carries (a report, a reminder dispatch). Every field is optional: the
 * number left blank for the clerk, the signer taken from the province's report heading.
 */
export class SignedDocumentDto {
  /** The document's number and symbol, e.g. `125/BC-SKHCN`. */
  @IsOptional()
  @IsString()
  @MaxLength(60)
  number?: string;

  /** Who signs, e.g. `Nguyễn Văn A`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  signerName?: string;

  /** The signer's title, e.g. `KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  signerTitle?: string;
}
