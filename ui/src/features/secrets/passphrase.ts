// Validation of a passphrase for the encrypted password file.

/** Why a new passphrase is not acceptable, or null when it is. */
export function passphraseProblem(passphrase: string, confirm: string, minChars: number): string | null {
  if (codePoints(passphrase) < minChars) return `Use at least ${String(minChars)} characters.`;
  if (passphrase !== confirm) return "The two passphrases differ; type the same one twice.";
  return null;
}

/** Characters as the backend counts them (Unicode code points, not UTF-16 units). */
function codePoints(text: string): number {
  let count = 0;
  for (const char of text) if (char) count += 1;
  return count;
}
