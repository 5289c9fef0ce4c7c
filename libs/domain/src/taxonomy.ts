import rsitJson from './data/rsit-taxonomy.json';

/** One incident type ("2nd column" of RSIT), e.g. `phishing`. */
export type TaxonomyType = Readonly<{ slug: string; label: string; description: string }>;

/** One incident class ("1st column" of RSIT), e.g. `fraud`. */
export type TaxonomyClass = Readonly<{
  slug: string;
  label: string;
  types: readonly TaxonomyType[];
}>;

export type Taxonomy = Readonly<{
  name: string;
  title: string;
  /** Recorded in IncidentCategorized so a later taxonomy revision never reinterprets old events. */
  version: string;
  reference: string;
  classes: readonly TaxonomyClass[];
}>;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const fail = (where: string, why: string): never => {
  throw new Error(`Invalid taxonomy data at ${where}: ${why}`);
};

const record = (value: unknown, where: string): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : fail(where, 'expected an object');

const text = (value: unknown, where: string): string =>
  typeof value === 'string' && value.trim() !== '' ? value : fail(where, 'expected a non-empty string');

const slug = (value: unknown, where: string): string => {
  const s = text(value, where);
  return SLUG.test(s) ? s : fail(where, `'${s}' is not a lower-case slug`);
};

const list = (value: unknown, where: string): unknown[] =>
  Array.isArray(value) && value.length > 0 ? value : fail(where, 'expected a non-empty array');

const unique = (slugs: readonly string[], where: string): void => {
  const seen = new Set<string>();
  for (const s of slugs) {
    if (seen.has(s)) fail(where, `duplicate slug '${s}'`);
    seen.add(s);
  }
};

/**
 * Checks taxonomy data at load time, so a bad edit to the JSON fails fast
 * instead of letting decide accept or refuse categories by accident.
 */
export const parseTaxonomy = (raw: unknown): Taxonomy => {
  const root = record(raw, '$');
  const classes = list(root.classes, '$.classes').map((c, i): TaxonomyClass => {
    const where = `$.classes[${i}]`;
    const cls = record(c, where);
    const types = list(cls.types, `${where}.types`).map((t, j): TaxonomyType => {
      const type = record(t, `${where}.types[${j}]`);
      return Object.freeze({
        slug: slug(type.slug, `${where}.types[${j}].slug`),
        label: text(type.label, `${where}.types[${j}].label`),
        description: text(type.description, `${where}.types[${j}].description`),
      });
    });
    unique(
      types.map((t) => t.slug),
      `${where}.types`,
    );
    return Object.freeze({
      slug: slug(cls.slug, `${where}.slug`),
      label: text(cls.label, `${where}.label`),
      types: Object.freeze(types),
    });
  });
  unique(
    classes.map((c) => c.slug),
    '$.classes',
  );
  return Object.freeze({
    name: text(root.name, '$.name'),
    title: text(root.title, '$.title'),
    version: text(root.version, '$.version'),
    reference: text(root.reference, '$.reference'),
    classes: Object.freeze(classes),
  });
};

/** The RSIT classes and types this ledger accepts (libs/domain/src/data/rsit-taxonomy.json). */
export const RSIT_TAXONOMY: Taxonomy = parseTaxonomy(rsitJson);

export const findTaxonomyClass = (
  classSlug: string,
  taxonomy: Taxonomy = RSIT_TAXONOMY,
): TaxonomyClass | undefined => taxonomy.classes.find((c) => c.slug === classSlug);

/** True when `typeSlug` is one of the types of class `classSlug`. */
export const isTaxonomyType = (
  classSlug: string,
  typeSlug: string,
  taxonomy: Taxonomy = RSIT_TAXONOMY,
): boolean => findTaxonomyClass(classSlug, taxonomy)?.types.some((t) => t.slug === typeSlug) ?? false;
