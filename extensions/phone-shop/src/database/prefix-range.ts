// A prefix match as a range, which an index serves whether or not the prefix is known when the
// statement is planned: `value >= prefix AND value < prefixEnd(prefix)`, in the "C" collation, whose
// order is that of the code points.

/** The smallest string above every string that starts with `prefix`, in code point order. */
export function prefixEnd(prefix: string): string {
  const points = Array.from(prefix, (c) => c.codePointAt(0) ?? 0);
  while (points.length > 0 && points[points.length - 1] === 0x10ffff) points.pop();
  const last = points.pop();
  // Nothing to raise (empty, or only U+10FFFF): no string with the prefix is above this one.
  if (last === undefined) return String.fromCodePoint(0x10ffff).repeat(prefix.length + 1);
  return String.fromCodePoint(...points, last + 1);
}
