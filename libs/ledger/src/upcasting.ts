import { INCIDENT_EVENT_SCHEMA_VERSIONS, type IncidentEventType } from '@ledger/domain';
import type { JsonObject } from '@ledger/event-store';

/** Turns the data of one schema version into the next version's shape. */
export type Upcaster = (data: JsonObject) => JsonObject;

/**
 * Upcasters by event type and the version they upgrade *from*. Stored events are never rewritten:
 * old shapes are upgraded on read, and hashes are always checked against the stored form.
 */
export class UpcasterRegistry {
  private readonly upcasters = new Map<string, Map<number, Upcaster>>();

  constructor(
    private readonly currentVersions: Readonly<Record<string, number>> = INCIDENT_EVENT_SCHEMA_VERSIONS,
  ) {}

  register(type: IncidentEventType | string, fromVersion: number, upcaster: Upcaster): this {
    const byVersion = this.upcasters.get(type) ?? new Map<number, Upcaster>();
    byVersion.set(fromVersion, upcaster);
    this.upcasters.set(type, byVersion);
    return this;
  }

  /** The current schema version of a type; 1 for the ledger's own types that have no upcasters yet. */
  currentVersion(type: string): number {
    const upgradable = [...(this.upcasters.get(type)?.keys() ?? [])];
    return this.currentVersions[type] ?? Math.max(1, ...upgradable.map((fromVersion) => fromVersion + 1));
  }

  /** Upgrades data stored at `version` to the current schema version of `type`. */
  upcast(type: string, version: number, data: JsonObject): JsonObject {
    const target = this.currentVersion(type);
    if (version > target) {
      throw new Error(`Event type '${type}' v${version} is newer than this ledger understands (v${target})`);
    }
    let upgraded = data;
    for (let v = version; v < target; v++) {
      const step = this.upcasters.get(type)?.get(v);
      if (!step) throw new Error(`No upcaster for '${type}' from v${v} to v${v + 1}`);
      upgraded = step(upgraded);
    }
    return upgraded;
  }
}
