import { Injectable } from '@nestjs/common';

/**
 * The wall clock the API judges time by: token issue and expiry, and the read side's "now" (SLA
 * verdicts, age bands, dashboard periods). A provider so tests can move time without touching Date.
 * Events record their own times when they are appended.
 */
@Injectable()
export class SystemClock {
  now(): Date {
    return new Date();
  }
}
