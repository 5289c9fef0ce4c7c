import { SessionState } from './session-state';

/** Logical sessions by the hex form of their lsid.id. */
export class SessionRegistry {
  private readonly sessions = new Map<string, SessionState>();

  get(lsidKey: string): SessionState {
    let session = this.sessions.get(lsidKey);
    if (!session) this.sessions.set(lsidKey, (session = new SessionState(lsidKey)));
    return session;
  }

  find(lsidKey: string): SessionState | undefined {
    return this.sessions.get(lsidKey);
  }

  delete(lsidKey: string): void {
    this.sessions.delete(lsidKey);
  }

  all(): SessionState[] {
    return [...this.sessions.values()];
  }

  clear(): void {
    this.sessions.clear();
  }
}
