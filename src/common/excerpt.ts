// Client input quoted in a message, cut short: a message stays small whatever the input holds.

/** Longest piece of input a parse message quotes. */
export const EXCERPT_CHARS = 32;

/**
 * `text` JSON-quoted; past EXCERPT_CHARS characters only its start and its length:
 * `"11111111111111111111111111111111…" (1048576 characters)`.
 */
export function excerpt(text: string, maxChars = EXCERPT_CHARS): string {
  if (text.length <= maxChars) return JSON.stringify(text);
  return `${JSON.stringify(`${text.slice(0, maxChars)}…`)} (${text.length} characters)`;
}

/** A number as written, unquoted; a longer one than EXCERPT_CHARS digits as its start and length. */
export function excerptNumber(digits: string): string {
  if (digits.length <= EXCERPT_CHARS) return digits;
  return `${digits.slice(0, EXCERPT_CHARS)}… (${digits.length} digits)`;
}
