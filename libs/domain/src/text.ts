/** Unicode NFC, which every stored text uses (Vietnamese can be typed composed or decomposed). */
export function nfc(text: string): string {
  return text.normalize('NFC');
}
