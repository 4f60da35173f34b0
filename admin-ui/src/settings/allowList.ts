// The shop's IP allow-list as the Owner types it: one address or CIDR range per line, blank lines
// and spaces ignored. The server checks each entry and names a refused one by its place in the list
// (`ip_allowlist[3]`); that place is turned back into the line the Owner typed it on.

/** The entries of the text, in order (blank lines dropped, spaces trimmed). */
export function parseAllowList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The stored list as text, one entry per line. The server keeps single addresses as ranges of one
 * (`/32`, `/128`): they are shown as the address alone, as they were typed.
 */
export function allowListText(entries: readonly string[]): string {
  return entries
    .map((entry) => (entry.includes(':') ? entry.replace(/\/128$/, '') : entry.replace(/\/32$/, '')))
    .join('\n');
}

/** The text with an address added on its own line, unless it is there already. */
export function withAddress(text: string, address: string): string {
  const entries = parseAllowList(text);
  if (entries.includes(address) || entries.includes(`${address}/${address.includes(':') ? 128 : 32}`))
    return text;
  const trimmed = text.replace(/\s+$/, '');
  return trimmed === '' ? address : `${trimmed}\n${address}`;
}

/** The 1-based line of the text that holds the entry at `index` of parseAllowList's list. */
export function lineOfEntry(text: string, index: number): number | null {
  let seen = -1;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    if ((lines[i] ?? '').trim() === '') continue;
    seen += 1;
    if (seen === index) return i + 1;
  }
  return null;
}

/**
 * The refusals of the server's `details` that are about the allow-list, each with its line:
 * `ip_allowlist[3]` → line of the fourth entry; `ip_allowlist` itself → no line.
 */
export function allowListProblems(
  text: string,
  details: Record<string, string[]> | undefined,
): { line: number | null; message: string }[] {
  return Object.entries(details ?? {}).flatMap(([key, messages]) => {
    const match = /^ip_allowlist(?:\[(\d+)\])?$/.exec(key);
    if (!match) return [];
    const line = match[1] === undefined ? null : lineOfEntry(text, Number(match[1]));
    return messages.map((message) => ({ line, message }));
  });
}
