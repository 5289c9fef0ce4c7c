import { Timestamp } from 'bson';

/** Cluster time: seconds since the epoch plus an increment, advanced by every write. */
export class LogicalClock {
  private seconds = Math.floor(Date.now() / 1000);
  private increment = 1;

  now(): Timestamp {
    return new Timestamp({ t: this.seconds, i: this.increment });
  }

  /** A new, strictly greater cluster time. */
  tick(): Timestamp {
    const seconds = Math.floor(Date.now() / 1000);
    if (seconds > this.seconds) {
      this.seconds = seconds;
      this.increment = 1;
    } else {
      this.increment++;
    }
    return this.now();
  }
}
