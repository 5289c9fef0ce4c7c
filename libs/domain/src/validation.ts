import { ruleViolation, type RuleViolation } from './domain-error';
import type { IncidentCommandType } from './incident-commands';
import { parseIsoInstant } from './iso-time';

/**
 * Collects the first rule a command's content breaks. Each check returns a usable value
 * (a placeholder when it failed) so decide can build its event in one expression and
 * discard it if `violation` is set.
 */
export type ContentValidator = Readonly<{
  violation: () => RuleViolation | undefined;
  /** Adds a violation unless one was already found. */
  fail: (field: string, reason: string) => void;
  /** Required text: a string that is not blank once trimmed; returns it trimmed. */
  text: (field: string, value: unknown) => string;
  /** Optional text: absent or blank means absent; otherwise returned trimmed. */
  optionalText: (field: string, value: unknown) => string | undefined;
  /** Any string, possibly empty; returned trimmed. */
  string: (field: string, value: unknown) => string;
  /** A list of required texts (possibly empty); returned trimmed. */
  textList: (field: string, value: unknown) => string[];
  oneOf: <T>(field: string, value: unknown, allowed: readonly T[]) => T;
  /** An ISO 8601 instant that is not after `notAfter` (epoch ms); returned as given. */
  instant: (field: string, value: unknown, notAfter: number) => string;
  /** A string matching `pattern` exactly as given (not trimmed: it is recorded verbatim). */
  matching: (field: string, value: unknown, pattern: RegExp, reason: string) => string;
  /** A whole number from 0 up to Number.MAX_SAFE_INTEGER (a count or a size). */
  count: (field: string, value: unknown) => number;
}>;

/** Blank or non-string values count as missing. */
export const trimmedText = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

export const contentValidator = (command: IncidentCommandType): ContentValidator => {
  let first: RuleViolation | undefined;
  const fail = (field: string, reason: string): void => {
    first ??= ruleViolation(command, field, reason);
  };

  return {
    violation: () => first,
    fail,
    text: (field, value) => {
      const text = trimmedText(value);
      if (text === undefined) fail(field, 'must be non-empty text');
      return text ?? '';
    },
    optionalText: (field, value) => {
      if (value !== undefined && typeof value !== 'string') fail(field, 'must be text when given');
      return trimmedText(value);
    },
    string: (field, value) => {
      if (typeof value !== 'string') fail(field, 'must be text');
      return typeof value === 'string' ? value.trim() : '';
    },
    textList: (field, value) => {
      if (!Array.isArray(value)) {
        fail(field, 'must be a list of texts');
        return [];
      }
      const texts = value.map(trimmedText);
      if (texts.some((t) => t === undefined)) fail(field, 'must not contain empty entries');
      return texts.filter((t): t is string => t !== undefined);
    },
    oneOf: <T>(field: string, value: unknown, allowed: readonly T[]): T => {
      if (!allowed.includes(value as T)) {
        fail(field, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}; got ${JSON.stringify(value)}`);
      }
      return value as T;
    },
    instant: (field, value, notAfter) => {
      const at = parseIsoInstant(value);
      if (at === undefined) fail(field, 'must be an ISO 8601 date-time with a time zone, e.g. 2024-05-01T09:30:00Z');
      else if (at > notAfter) fail(field, 'must not be in the future');
      return typeof value === 'string' ? value : '';
    },
    matching: (field, value, pattern, reason) => {
      if (typeof value !== 'string' || !pattern.test(value)) fail(field, reason);
      return typeof value === 'string' ? value : '';
    },
    count: (field, value) => {
      const ok = typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
      if (!ok) fail(field, 'must be a whole number, 0 or more');
      return ok ? value : 0;
    },
  };
};
