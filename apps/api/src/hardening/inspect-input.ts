import type { FieldError } from '../http/problem';

/** The structural limits every JSON body and query string is held to. */
export type InputLimits = Readonly<{ maxJsonDepth: number; maxArrayLength: number; maxObjectKeys: number }>;

/** Keys that reach Object.prototype (or a constructor's) when copied onto an ordinary object. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A UTF-16 surrogate without its partner: not Unicode text, and not storable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string (value or key) is refused anywhere in user input, if it is. */
export const stringProblem = (text: string): string | undefined => {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode (it contains a lone surrogate)';
  return undefined;
};

/**
 * Why a key is refused, if it is. `$` and `.` are MongoDB's operator and path syntax: refusing them
 * here means no user key can ever become a query operator or a nested path in a read store.
 */
export const keyProblem = (key: string): string | undefined => {
  if (PROTOTYPE_KEYS.has(key)) return `the key '${key}' is not allowed (prototype pollution)`;
  if (key.startsWith('$')) return `the key '${shown(key)}' is not allowed: keys may not begin with '$'`;
  if (key.includes('.')) return `the key '${shown(key)}' is not allowed: keys may not contain '.'`;
  return stringProblem(key);
};

/** A user-supplied name as echoed in an answer: kept short, so a huge key is not sent back whole. */
export const shown = (name: string): string => (name.length > 64 ? `${name.slice(0, 64)}…` : name);

const join = (parent: string, key: string): string => (parent === '' ? shown(key) : `${parent}.${shown(key)}`);

type Pending = Readonly<{ value: unknown; path: string; depth: number }>;

/**
 * Walks a parsed JSON value (iteratively, so no input can exhaust the stack) and returns the first
 * problem: too deep, too many elements or members, a forbidden key, or a malformed string.
 * `root` names the whole value in the answer (e.g. '(body)').
 */
export const inspectJson = (value: unknown, limits: InputLimits, root = '(body)'): FieldError | undefined => {
  const stack: Pending[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const { value: current, path, depth } = stack.pop()!;
    const field = path === '' ? root : path;
    if (typeof current === 'string') {
      const problem = stringProblem(current);
      if (problem) return { field, reason: problem };
      continue;
    }
    if (typeof current !== 'object' || current === null) continue;
    if (depth + 1 > limits.maxJsonDepth) {
      return { field, reason: `nests deeper than ${limits.maxJsonDepth} levels` };
    }
    if (Array.isArray(current)) {
      if (current.length > limits.maxArrayLength) {
        return { field, reason: `has more than ${limits.maxArrayLength} elements` };
      }
      current.forEach((item, i) => stack.push({ value: item, path: join(path, String(i)), depth: depth + 1 }));
      continue;
    }
    const keys = Object.keys(current);
    if (keys.length > limits.maxObjectKeys) {
      return { field, reason: `has more than ${limits.maxObjectKeys} members` };
    }
    for (const key of keys) {
      const problem = keyProblem(key);
      if (problem) return { field: join(path, key), reason: problem };
      stack.push({ value: (current as Record<string, unknown>)[key], path: join(path, key), depth: depth + 1 });
    }
  }
  return undefined;
};

/** Query parameter names are plain words: no bracket syntax (nested or operator parameters). */
const queryKeyProblem = (key: string): string | undefined => {
  if (/[[\]]/.test(key)) {
    return `the parameter name '${shown(key)}' is not allowed: nested (bracketed) parameters are not supported`;
  }
  return keyProblem(key);
};

/**
 * Checks a parsed query string: parameter names, the number of parameters and of repetitions,
 * and every value. Fields are named `query:<name>`.
 */
export const inspectQuery = (query: unknown, limits: InputLimits): FieldError | undefined => {
  if (typeof query !== 'object' || query === null) return undefined;
  const keys = Object.keys(query);
  if (keys.length > limits.maxObjectKeys) {
    return { field: '(query)', reason: `has more than ${limits.maxObjectKeys} parameters` };
  }
  for (const key of keys) {
    const field = `query:${shown(key)}`;
    const problem = queryKeyProblem(key);
    if (problem) return { field, reason: problem };
    const value: unknown = (query as Record<string, unknown>)[key];
    const values = Array.isArray(value) ? value : [value];
    if (values.length > limits.maxArrayLength) {
      return { field, reason: `is repeated more than ${limits.maxArrayLength} times` };
    }
    for (const item of values) {
      const itemProblem = typeof item === 'string' ? stringProblem(item) : undefined;
      if (itemProblem) return { field, reason: itemProblem };
    }
  }
  return undefined;
};

/**
 * Checks the raw query string's percent-encoding: the parser keeps an undecodable value as it was
 * (`%FF` stays '%FF'), which would silently change what the client sent.
 */
export const inspectQueryEncoding = (rawQuery: string): FieldError | undefined => {
  if (rawQuery === '') return undefined;
  for (const pair of rawQuery.split('&')) {
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    for (const part of eq === -1 ? [pair] : [rawKey, pair.slice(eq + 1)]) {
      try {
        decodeURIComponent(part.replace(/\+/g, ' '));
      } catch {
        return { field: `query:${safeName(rawKey)}`, reason: 'is not valid percent-encoded UTF-8' };
      }
    }
  }
  return undefined;
};

/** A name safe to echo: undecodable parts stay percent-encoded, and it is kept short. */
const safeName = (rawKey: string): string => {
  let name: string;
  try {
    name = decodeURIComponent(rawKey.replace(/\+/g, ' '));
  } catch {
    name = rawKey;
  }
  return shown(name);
};

/**
 * Whether raw JSON text nests objects/arrays deeper than `max`, found by one linear scan before
 * parsing, so a 10 000-level document is refused without building it.
 */
export const jsonNestsDeeperThan = (text: string, max: number): boolean => {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
};
