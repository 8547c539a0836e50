/**
 * Time zones are stored as canonical IANA names. ICU (and so Intl) still uses
 * some older spellings as canonical (Asia/Calcutta, Europe/Kiev) while IANA and
 * modern browsers use the new ones (Asia/Kolkata, Europe/Kyiv); both come from
 * real browsers, so both are accepted. Links kept only for backward
 * compatibility (US/Eastern, GMT) and wrong case are refused with a hint.
 */
const MODERN_NAMES = [
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Yangon',
  'Asia/Ho_Chi_Minh',
  'Europe/Kyiv',
  'America/Nuuk',
  'America/Ciudad_Juarez',
  'Atlantic/Faroe',
  'Pacific/Kanton',
  'Pacific/Chuuk',
  'Pacific/Pohnpei',
  'America/Argentina/Buenos_Aires',
  'America/Indiana/Indianapolis',
  'America/Kentucky/Louisville',
  'Africa/Asmara',
];

let canonical: Set<string> | undefined;

function canonicalNames(): Set<string> {
  canonical ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', ...MODERN_NAMES.filter(resolvable)]);
  return canonical;
}

function resolvable(name: string): boolean {
  return resolveTimeZone(name) !== undefined;
}

/** What Intl makes of a name (its canonical spelling), or undefined when it does not know it. */
function resolveTimeZone(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

export function isCanonicalTimeZone(name: string): boolean {
  return canonicalNames().has(name);
}

/** A sentence for the error message: what is wrong and, when we can tell, what to use instead. */
export function timeZoneProblem(name: string): string | undefined {
  if (isCanonicalTimeZone(name)) return undefined;
  const resolved = resolveTimeZone(name);
  if (resolved && isCanonicalTimeZone(resolved)) {
    return `must be a canonical IANA time zone name; use "${resolved}" instead of "${name}"`;
  }
  return 'must be an IANA time zone name such as "Europe/Berlin" or "Asia/Shanghai"';
}
