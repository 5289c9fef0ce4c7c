import { PATH_METADATA } from '@nestjs/common/constants';
import { isUuid } from '../http/uuid';
import { joinPath } from './route-inventory';

/** Routes about one incident: the incident id is their `:id` parameter. */
const INCIDENT_ROUTE = /^\/incidents\/:id(\/|$)/;

const paths = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : [typeof value === 'string' ? value : '']);

const known = new WeakMap<object, boolean>();

/** Whether a handler's route is `/incidents/:id…` (worked out once per handler from Nest's metadata). */
export const isIncidentRoute = (handler: object, controller: object): boolean => {
  let answer = known.get(handler);
  if (answer === undefined) {
    const prefixes = paths(Reflect.getMetadata(PATH_METADATA, controller));
    const own = paths(Reflect.getMetadata(PATH_METADATA, handler));
    answer = prefixes.some((prefix) => own.some((path) => INCIDENT_ROUTE.test(joinPath(prefix, path))));
    known.set(handler, answer);
  }
  return answer;
};

export const isIncidentRoutePath = (path: string): boolean => INCIDENT_ROUTE.test(path);

/** An incident id as the ledger issues them; anything else cannot name an incident. */
export const isIncidentId = (value: unknown): value is string => isUuid(value);
