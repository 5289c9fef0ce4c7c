import { type Projection, type ProjectionDocument, versionedName } from '@ledger/projections';

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

/** True when `collection` holds this version of the projection (first build or a rebuild). */
export const isCollectionOfVersion = (projection: Named, collection: string): boolean => {
  const base = versionedName(projection);
  return collection === base || (collection.startsWith(`${base}_r`) && /^\d+$/.test(collection.slice(base.length + 2)));
};
