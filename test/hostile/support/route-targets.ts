import { randomUUID } from 'node:crypto';
import type { RouteInfo } from '../../../apps/api/src/auth/route-inventory';

/** What the suite knows of one input field, from the OpenAPI document. */
export type FieldSpec = Readonly<{
  name: string;
  type: string;
  required: boolean;
  /** A string with no enum, pattern or format: any text is legitimate (e.g. a search). */
  freeText: boolean;
}>;

/** A route to attack: its template, a concrete path with real ids, and the inputs it declares. */
export type RouteTarget = Readonly<{
  method: string;
  template: string;
  /** The template with real ids (or random UUIDs) substituted. */
  path: string;
  params: readonly string[];
  /** Marked @Public(): answers without credentials. */
  isPublic: boolean;
  bodyFields: readonly FieldSpec[];
  queryFields: readonly FieldSpec[];
  label: string;
}>;

export type Schema = {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  pattern?: string;
  format?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
};
type Operation = {
  parameters?: { name: string; in: string; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};
export type OpenApiDocument = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
};

export const resolve = (doc: OpenApiDocument, schema: Schema | undefined): Schema | undefined => {
  if (schema?.$ref) return resolve(doc, doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')]);
  return schema;
};

const propertiesOf = (doc: OpenApiDocument, schema: Schema | undefined): Record<string, Schema> => {
  const resolved = resolve(doc, schema);
  if (!resolved) return {};
  return Object.assign({}, ...(resolved.allOf ?? []).map((part) => propertiesOf(doc, part)), resolved.properties ?? {});
};

const requiredOf = (doc: OpenApiDocument, schema: Schema | undefined): string[] => {
  const resolved = resolve(doc, schema);
  return [...(resolved?.required ?? []), ...(resolved?.allOf ?? []).flatMap((part) => requiredOf(doc, part))];
};

const fieldOf = (doc: OpenApiDocument, name: string, raw: Schema | undefined, required: boolean): FieldSpec => {
  const schema = resolve(doc, raw) ?? {};
  const type = schema.type ?? (schema.enum ? 'string' : 'unknown');
  const items = resolve(doc, schema.items);
  const restricted = (s: Schema | undefined): boolean => Boolean(s?.enum || s?.pattern || s?.format);
  const freeText = type === 'string' ? !restricted(schema) : type === 'array' ? items?.type === 'string' && !restricted(items) : false;
  return { name, type, required, freeText };
};

/** The properties of an operation's JSON request body, by name. */
export const bodyProperties = (doc: OpenApiDocument, path: string, method: string): Record<string, Schema> =>
  propertiesOf(doc, doc.paths[path]?.[method.toLowerCase()]?.requestBody?.content?.['application/json']?.schema);

/** `/incidents/:id/notes` → `/incidents/{id}/notes`, as the OpenAPI document names it. */
export const openApiPath = (template: string): string => template.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

/** A parameter's real value: `<first path segment>:<param>` (e.g. principals:id) first, then `<param>`. */
const valueOf = (template: string, values: Readonly<Record<string, string>>, param: string): string | undefined =>
  values[`${template.split('/')[1]}:${param}`] ?? values[param];

/**
 * Turns the route inventory into targets: real ids where the suite has them (`values`), a random
 * UUID for any other parameter, and the body and query fields the OpenAPI document declares.
 */
export const routeTargets = (
  routes: readonly RouteInfo[],
  doc: OpenApiDocument,
  values: Readonly<Record<string, string>>,
): RouteTarget[] =>
  routes.map((route) => {
    const operation = doc.paths[openApiPath(route.path)]?.[route.method.toLowerCase()] ?? {};
    const body = operation.requestBody?.content?.['application/json']?.schema;
    const required = new Set(requiredOf(doc, body));
    const params = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((match) => match[1]!);
    return {
      method: route.method,
      template: route.path,
      path: route.path.replace(/:([A-Za-z0-9_]+)/g, (_, name: string) => encodeURIComponent(valueOf(route.path, values, name) ?? randomUUID())),
      params,
      isPublic: route.isPublic,
      bodyFields: Object.entries(propertiesOf(doc, body)).map(([name, schema]) => fieldOf(doc, name, schema, required.has(name))),
      queryFields: (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .map((parameter) => fieldOf(doc, parameter.name, parameter.schema, false)),
      label: `${route.method} ${route.path}`,
    };
  });

/** The same route with one parameter replaced by a raw (already encoded) path segment. */
export const withParam = (target: RouteTarget, values: Readonly<Record<string, string>>, name: string, raw: string): string =>
  target.template.replace(/:([A-Za-z0-9_]+)/g, (_, param: string) =>
    param === name ? raw : encodeURIComponent(valueOf(target.template, values, param) ?? randomUUID()),
  );
