import type { INestApplication } from '@nestjs/common';
import { listRoutes, type RouteInfo } from '../../../apps/api/src/auth/route-inventory';
import { evidenceBody } from '../../../apps/api/src/evidence/testing/evidence-fixtures';
import { newIncidentBody } from '../../support/incident-fixtures';
import type { LedgerHttpClient } from '../../support/ledger-http-client';
import type { ActingPrincipal } from './hostile-runner';
import { bodyProperties, type OpenApiDocument, resolve, type RouteTarget, routeTargets } from './route-targets';

export type HostileSetup = Readonly<{
  targets: RouteTarget[];
  /** Real ids by path parameter name. */
  values: Record<string, string>;
  principals: ActingPrincipal[];
  notes: string[];
}>;

/**
 * If the API can create principals (POST /principals with an enumerated `roles`), creates one per role,
 * so a role guard that keeps the admin out of incident work does not stop the suite at a 403. Best
 * effort: the route's shape is read from the OpenAPI document, and whatever fails is only noted.
 */
const rolePrincipals = async (
  client: LedgerHttpClient,
  doc: OpenApiDocument,
  notes: string[],
): Promise<(ActingPrincipal & { id: string })[]> => {
  const properties = bodyProperties(doc, '/principals', 'post');
  const roles = resolve(doc, resolve(doc, properties.roles)?.items)?.enum;
  if (!roles) {
    notes.push('no POST /principals with enumerated roles: acting as the admin only (a 403 counts as a 4xx)');
    return [];
  }
  const principals: (ActingPrincipal & { id: string })[] = [];
  for (const role of roles.map(String)) {
    const body: Record<string, unknown> = { roles: [role] };
    for (const name of ['name', 'handle', 'displayName']) if (properties[name]) body[name] = `hostile-${role}`.replace(/[^A-Za-z0-9._@-]/g, '-');
    const response = await client.post('/principals', body);
    const answer = (response.body ?? {}) as Record<string, unknown>;
    const token = typeof answer.token === 'string' ? answer.token : Object.entries(answer).find(([key, value]) => /token$/i.test(key) && typeof value === 'string')?.[1];
    if (response.status < 300 && typeof token === 'string') principals.push({ name: role, token, id: String(answer.id) });
    else notes.push(`could not create a '${role}' principal (${response.status}); continuing without it`);
  }
  return principals;
};

/** Routes, real ids (an incident and an evidence item), the OpenAPI document and the principals to act as. */
export const prepareHostileRun = async (
  routes: readonly RouteInfo[],
  client: LedgerHttpClient,
  admin: ActingPrincipal,
): Promise<HostileSetup> => {
  const notes: string[] = [];
  const doc = (await client.get('/docs/openapi.json')).body as OpenApiDocument;
  const created = await rolePrincipals(client, doc, notes);
  const principals = [admin, ...created.map(({ name, token }) => ({ name, token }))];
  // The targets are created by whoever may: the admin, or the first principal whose role allows it.
  const asEach = async (send: (as: LedgerHttpClient) => Promise<{ status: number; body: any }>) => {
    let answer = await send(client);
    for (const principal of created) {
      if (answer.status !== 403) break;
      answer = await send(client.as(principal.token));
    }
    return answer;
  };
  const incident = await asEach((as) => as.post('/incidents', newIncidentBody('Hostile-input target')));
  if (incident.status !== 201) throw new Error(`could not log the target incident: ${incident.status} ${JSON.stringify(incident.body)}`);
  const values: Record<string, string> = { id: incident.body.id };
  // Routes under /principals/:id get a real principal.
  if (created[0]) values['principals:id'] = created[0].id;
  const evidence = await asEach((as) => as.post(`/incidents/${values.id}/evidence`, evidenceBody()));
  if (evidence.status === 201) values.evidenceId = evidence.body.evidenceId;
  else notes.push(`no evidence item (${evidence.status}): :evidenceId gets random UUIDs`);
  return { targets: routeTargets(routes, doc, values), values, principals, notes };
};

/** The routes of an application, as the suite attacks them. */
export const routesOf = (app: INestApplication): RouteInfo[] => listRoutes(app);
