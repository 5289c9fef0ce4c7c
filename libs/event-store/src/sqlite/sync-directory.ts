import { closeSync, fsyncSync, openSync } from 'node:fs';

/**
 * SQLite fsyncs the directory when it creates the WAL, but not for the database file itself; without
 * this a power cut right after creating a new store could lose the file's directory entry.
 * Best effort: some platforms (Windows) cannot open a directory for fsync.
 */
export function syncDirectory(directory: string): void {
  try {
    const fd = openSync(directory, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not supported here; the data itself is still synced by SQLite.
  }
}
