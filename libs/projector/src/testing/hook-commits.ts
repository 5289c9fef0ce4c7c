import type { Checkpoint, ReadStore, ReadWrite } from '@ledger/read-store';

/** Calls the real commit (or not), given what the projector asked to commit. */
export type CommitHook = (
  writes: readonly ReadWrite[],
  checkpoint: Checkpoint | undefined,
  commit: ReadStore['commit'],
) => Promise<void>;

/** The store with its commits going through `hook`; every call first asks `alive()`, which may throw. */
export const hookCommits = (inner: ReadStore, hook: CommitHook, alive: () => void = () => undefined): ReadStore =>
  new Proxy(inner, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]): Promise<unknown> => {
        alive();
        if (key !== 'commit') return (value as (...a: unknown[]) => unknown).apply(target, args);
        return hook(args[0] as readonly ReadWrite[], args[1] as Checkpoint | undefined, (w, c) => target.commit(w, c));
      };
    },
  });

/**
 * The store with its first commit held until release(); `held` resolves once that commit waits.
 * Everything else goes straight through.
 */
export const holdFirstCommit = (inner: ReadStore): { store: ReadStore; held: Promise<void>; release: () => void } => {
  let arrived: () => void = () => undefined;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (arrived = resolve));
  const open = new Promise<void>((resolve) => (release = resolve));
  let first = true;
  const store = hookCommits(inner, async (writes, checkpoint, commit) => {
    if (first) {
      first = false;
      arrived();
      await open;
    }
    return commit(writes, checkpoint);
  });
  return { store, held, release };
};
