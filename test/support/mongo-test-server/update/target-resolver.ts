import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import type { DocumentMatcher } from '../query/document-matcher';
import { FieldPaths } from '../query/field-paths';
import { UpdateTarget } from './update-target';

const FILTERED = /^\$\[([a-z][A-Za-z0-9]*)\]$/;
const isIndex = (part: string): boolean => /^\d+$/.test(part);

/** What positional path parts are resolved against. */
export interface PositionalContext {
  /** The update's query, for '$'. */
  readonly query?: { readonly matcher: DocumentMatcher; readonly paths: readonly string[] };
  /** Compiled arrayFilters by identifier, for '$[<id>]'. */
  readonly arrayFilters: ReadonlyMap<string, DocumentMatcher>;
}

/**
 * Expands an update path into the concrete fields it writes: '$' becomes the index of the first
 * array element the query matched, '$[]' every element, '$[id]' the elements its array filter accepts.
 */
export class TargetResolver {
  constructor(
    private readonly original: Document,
    private readonly context: PositionalContext,
  ) {}

  resolve(doc: Document, path: string): UpdateTarget[] {
    const parts = FieldPaths.split(path);
    if (!parts.some((p) => p.startsWith('$'))) return [new UpdateTarget(doc, parts)];
    const concrete: string[][] = [];
    this.walk(doc, parts, 0, [], path, concrete);
    return concrete.map((p) => new UpdateTarget(doc, p));
  }

  private walk(node: unknown, parts: readonly string[], i: number, prefix: string[], path: string, out: string[][]): void {
    if (i === parts.length) {
      out.push(prefix);
      return;
    }
    const part = parts[i];
    if (part === '$') {
      const index = this.positionalIndex(prefix);
      this.walk(Array.isArray(node) ? node[index] : undefined, parts, i + 1, [...prefix, String(index)], path, out);
      return;
    }
    const filtered = FILTERED.exec(part);
    if (part === '$[]' || filtered) {
      if (!Array.isArray(node)) {
        throw new CommandError(
          ErrorCode.BadValue,
          `The path '${prefix.join('.')}' must exist in the document in order to apply array updates.`,
        );
      }
      const matcher = filtered ? this.arrayFilter(filtered[1], path) : undefined;
      node.forEach((element, index) => {
        if (matcher && !matcher.test({ [filtered![1]]: element })) return;
        this.walk(element, parts, i + 1, [...prefix, String(index)], path, out);
      });
      return;
    }
    let next: unknown;
    if (Array.isArray(node)) next = isIndex(part) ? node[Number(part)] : undefined;
    else if (BsonValues.isDocument(node)) next = node[part];
    this.walk(next, parts, i + 1, [...prefix, part], path, out);
  }

  private arrayFilter(identifier: string, path: string): DocumentMatcher {
    const matcher = this.context.arrayFilters.get(identifier);
    if (!matcher) {
      throw new CommandError(ErrorCode.BadValue, `No array filter found for identifier '${identifier}' in path '${path}'`);
    }
    return matcher;
  }

  private positionalIndex(prefix: readonly string[]): number {
    const notFound = new CommandError(ErrorCode.BadValue, 'The positional operator did not find the match needed from the query.');
    const query = this.context.query;
    const arrayPath = prefix.join('.');
    const array = FieldPaths.getExact(this.original, prefix);
    if (!query || !Array.isArray(array)) throw notFound;
    if (!query.paths.some((p) => p === arrayPath || p.startsWith(`${arrayPath}.`))) throw notFound;
    // the first element that, alone in the array, still satisfies the query is the one it matched
    for (let index = 0; index < array.length; index++) {
      const trial = BsonValues.clone(this.original);
      new UpdateTarget(trial, prefix).set([array[index]]);
      if (query.matcher.test(trial)) return index;
    }
    throw notFound;
  }
}
