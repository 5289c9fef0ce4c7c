import { Injectable } from '@nestjs/common';

/** The wall clock for token issue and expiry; a provider so tests can move time without touching Date. */
@Injectable()
export class SystemClock {
  now(): Date {
    return new Date();
  }
}
