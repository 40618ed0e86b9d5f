/**
 * CPE names as CVE records carry them: NVD configurations use the CPE 2.3 formatted string
 * (`cpe:2.3:a:haxx:curl:*:*:*:*:*:*:*:*`), while CNA-written CVE 5 records still contain the
 * CPE 2.2 URI (`cpe:/o:redhat:enterprise_linux:10`). Both parse to the same shape (NISTIR 7695
 * §6.1 and §6.2), with every name lower-cased and unescaped, so the matcher compares one form.
 */

export type CpePart = 'a' | 'o' | 'h'; // application, operating system, hardware

/**
 * ANY ('*' in 2.3, empty or omitted in 2.2) matches every value; NA ('-') means the attribute does
 * not apply — "linux_kernel:-" is a kernel without a version, not every kernel. A literal value
 * written with an escape (`\*`, `\-`) is a `value`, never ANY or NA.
 */
export type CpeValue = { kind: 'any' } | { kind: 'na' } | { kind: 'value'; value: string };

export interface Cpe23 {
  part: CpePart;
  vendor: CpeValue;
  product: CpeValue;
  version: CpeValue;
  update: CpeValue;
  edition: CpeValue;
  language: CpeValue;
  swEdition: CpeValue;
  targetSw: CpeValue;
  targetHw: CpeValue;
  other: CpeValue;
}

type CpeAttribute = Exclude<keyof Cpe23, 'part'>;

const ATTRIBUTES: readonly CpeAttribute[] = [
  'vendor', 'product', 'version', 'update', 'edition',
  'language', 'swEdition', 'targetSw', 'targetHw', 'other',
];

// The 2.2 URI has only the first six; the rest are ANY unless packed into the edition (see below).
const URI_ATTRIBUTES: readonly CpeAttribute[] = ATTRIBUTES.slice(0, 6);
const PACKED_EDITION: readonly CpeAttribute[] = ['edition', 'swEdition', 'targetSw', 'targetHw', 'other'];

const ANY: CpeValue = Object.freeze({ kind: 'any' });
const NA: CpeValue = Object.freeze({ kind: 'na' });

/**
 * Parses `cpe:2.3:part:vendor:product:version:update:edition:language:sw_edition:target_sw:target_hw:other`;
 * null unless it has exactly those thirteen fields, none empty, and a part of a, o or h.
 * Characters the grammar forbids unescaped (spaces, most punctuation) are accepted: CNAs write them,
 * and refusing the whole record would lose the vendor and product the matcher needs.
 */
export function parseCpe23(uri: string): Cpe23 | null {
  const fields = splitFormattedString(uri);
  if (fields === null || fields.length !== 13) return null;
  const [prefix, specVersion, part, ...attributes] = fields;
  if (prefix.toLowerCase() !== 'cpe' || specVersion !== '2.3') return null;
  const cpePart = toPart(part);
  if (cpePart === null || attributes.some((field) => field === '')) return null;

  const cpe = emptyCpe(cpePart);
  ATTRIBUTES.forEach((attribute, index) => {
    cpe[attribute] = formattedValue(attributes[index]);
  });
  return cpe;
}

/**
 * Parses the CPE 2.2 URI `cpe:/part:vendor:product:version:update:edition:language`. Trailing
 * components may be left out and empty ones mean ANY; values are percent-decoded. An edition of
 * the form `~edition~sw_edition~target_sw~target_hw~other` carries the 2.3 attributes that the
 * URI has no room for (NISTIR 7695 §6.1.3.5). Null on any other shape or an undecodable escape.
 */
export function parseCpe22(uri: string): Cpe23 | null {
  if (uri.slice(0, 5).toLowerCase() !== 'cpe:/') return null;
  const [part, ...components] = uri.slice(5).split(':');
  const cpePart = toPart(part);
  if (cpePart === null || components.length > URI_ATTRIBUTES.length) return null;

  const cpe = emptyCpe(cpePart);
  for (const [index, component] of components.entries()) {
    const attribute = URI_ATTRIBUTES[index];
    if (attribute === 'edition' && component.startsWith('~')) {
      const packed = component.split('~').slice(1);
      if (packed.length !== PACKED_EDITION.length) return null;
      for (const [packedIndex, packedComponent] of packed.entries()) {
        const value = uriValue(packedComponent);
        if (value === null) return null;
        cpe[PACKED_EDITION[packedIndex]] = value;
      }
    } else {
      const value = uriValue(component);
      if (value === null) return null;
      cpe[attribute] = value;
    }
  }
  return cpe;
}

/**
 * A vendor or product name as the matcher compares it: lower-case with the formatted string's
 * backslash escapes removed, so `wp_maintenance_mode_\&_coming_soon` and
 * `WP_Maintenance_Mode_&_Coming_Soon` are the same name. A lone trailing backslash is kept.
 */
export function normalizeCpeName(name: string): string {
  return name.replace(/\\(.)/gsu, '$1').toLowerCase();
}

// Splits on the colons that are not escaped, keeping escapes for normalizeCpeName to remove (so an
// escaped '*' or '-' stays distinguishable from ANY and NA). Null if the string ends in a lone '\'.
function splitFormattedString(uri: string): string[] | null {
  const fields: string[] = [];
  let field = '';
  for (let i = 0; i < uri.length; i++) {
    const character = uri[i];
    if (character === '\\') {
      if (i + 1 === uri.length) return null;
      field += character + uri[++i];
    } else if (character === ':') {
      fields.push(field);
      field = '';
    } else {
      field += character;
    }
  }
  fields.push(field);
  return fields;
}

function formattedValue(field: string): CpeValue {
  if (field === '*') return ANY;
  if (field === '-') return NA;
  return { kind: 'value', value: normalizeCpeName(field) };
}

function uriValue(component: string): CpeValue | null {
  if (component === '') return ANY;
  if (component === '-') return NA;
  try {
    return { kind: 'value', value: decodeURIComponent(component).toLowerCase() };
  } catch {
    return null; // a '%' not followed by two hex digits, or bytes that are not UTF-8
  }
}

function toPart(field: string): CpePart | null {
  const part = field.toLowerCase();
  return part === 'a' || part === 'o' || part === 'h' ? part : null;
}

function emptyCpe(part: CpePart): Cpe23 {
  return {
    part,
    vendor: ANY, product: ANY, version: ANY, update: ANY, edition: ANY,
    language: ANY, swEdition: ANY, targetSw: ANY, targetHw: ANY, other: ANY,
  };
}
