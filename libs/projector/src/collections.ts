import { INCIDENT_PROJECTIONS, type Projection, type ProjectionDocument, versionedName } from '@ledger/projections';

type Named = Pick<Projection<ProjectionDocument>, 'name' | 'version'>;

/**
 * The checkpoint of a collection is named after the collection. A checkpoint therefore belongs to
 * exactly one (projection, version, build) and moves with it through a blue-green switch: after the
 * switch, whoever projects into the new collection continues from the rebuild's checkpoint.
 */
export const checkpointNameOf = (collection: string): string => collection;

/** Suffix of a rebuilt collection: `<versionedName>_r<epoch ms>`. */
export const rebuildCollectionName = (projection: Named, at: Date): string =>
  `${versionedName(projection)}_r${at.getTime()}`;

/** When a rebuilt collection was created (epoch ms, from `_r<ms>`); undefined for a first build. */
export const builtAtOfCollection = (collection: string): number | undefined => {
  const match = /_r(\d+)$/.exec(collection);
  return match ? Number(match[1]) : undefined;
};

/**
 * The version of the projection that `collection` holds (`<name>_v<N>` or `<name>_v<N>_r<ms>`);
 * undefined for a collection that is not one of this projection's.
 */
export const versionOfCollection = (projection: Named, collection: string): number | undefined => {
  const base = versionedName({ name: projection.name, version: 0 }).slice(0, -1);
  if (!collection.startsWith(base)) return undefined;
  const match = /^(\d+)(?:_r\d+)?$/.exec(collection.slice(base.length));
  return match ? Number(match[1]) : undefined;
};

/** True when `collection` holds this version of the projection (first build or a rebuild). */
export const isCollectionOfVersion = (projection: Named, collection: string): boolean => {
  const base = versionedName(projection);
  return collection === base || (collection.startsWith(`${base}_r`) && /^\d+$/.test(collection.slice(base.length + 2)));
};

/** The shipped projection a name designates: its name ('incident-summary') or versioned name ('incident_summary_v1'). */
export const findProjection = (name: unknown): Projection<ProjectionDocument> | undefined =>
  INCIDENT_PROJECTIONS.find((projection) => projection.name === name || versionedName(projection) === name);
