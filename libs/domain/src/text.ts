/** Unicode NFC, which every stored text uses (Vietnamese can be typed composed or decomposed). */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Any UUID PostgreSQL stores (ids created here are v4; imported or synthetic ones need not be). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
