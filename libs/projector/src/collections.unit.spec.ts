import { incidentSummaryProjection } from '@ledger/projections';
import { checkpointNameOf, isCollectionOfVersion, rebuildCollectionName, versionOfCollection } from './collections';
import { defaultIndexesFor } from './read-model-indexes';

describe('collection names', () => {
  it('names rebuilds after the versioned name and a time, and recognises both as this version', () => {
    const rebuilt = rebuildCollectionName(incidentSummaryProjection, new Date(1_700_000_000_000));
    expect(rebuilt).toBe('incident_summary_v1_r1700000000000');
    expect(isCollectionOfVersion(incidentSummaryProjection, rebuilt)).toBe(true);
    expect(isCollectionOfVersion(incidentSummaryProjection, 'incident_summary_v1')).toBe(true);
    expect(isCollectionOfVersion(incidentSummaryProjection, 'incident_summary_v10')).toBe(false);
    expect(isCollectionOfVersion(incidentSummaryProjection, 'incident_summary_v2_r1')).toBe(false);
    expect(isCollectionOfVersion(incidentSummaryProjection, 'incident_summary_v1_rx')).toBe(false);
  });

  it('reads the version a collection holds, from first builds and rebuilds alike', () => {
    expect(versionOfCollection(incidentSummaryProjection, 'incident_summary_v1')).toBe(1);
    expect(versionOfCollection(incidentSummaryProjection, 'incident_summary_v12_r1700000000000')).toBe(12);
    expect(versionOfCollection(incidentSummaryProjection, 'incident_timeline_v3')).toBeUndefined();
    expect(versionOfCollection(incidentSummaryProjection, 'incident_summary_v2_rx')).toBeUndefined();
    expect(versionOfCollection(incidentSummaryProjection, 'incident_summary_vx')).toBeUndefined();
  });

  it('names the checkpoint after its collection', () => {
    expect(checkpointNameOf('incident_summary_v1_r5')).toBe('incident_summary_v1_r5');
  });

  it('has indexes for every shipped projection', () => {
    expect(defaultIndexesFor(incidentSummaryProjection).length).toBeGreaterThan(0);
    expect(defaultIndexesFor({ name: 'unknown' })).toEqual([]);
  });
});
