import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { DocumentMatcher } from './document-matcher';
import { FilterValidator } from './filter-validator';
import { MingoRuntime } from './mingo-runtime';

type Special = { readonly slice?: readonly [number, number | undefined]; readonly elemMatch?: DocumentMatcher };
/** true: keep/drop the field; a subtree: descend; a Special: $slice/$elemMatch at this field. */
type Node = true | Tree | Special;
interface Tree {
  [field: string]: Node;
}

const isSpecial = (node: Node): node is Special => typeof node === 'object' && ('slice' in node || 'elemMatch' in node);
const isTree = (node: Node): node is Tree => typeof node === 'object' && !isSpecial(node);

const isFlag = (value: unknown): boolean => typeof value === 'boolean' || BsonValues.isNumber(value);
const isProjectionOperator = (value: unknown): value is Document =>
  BsonValues.isDocument(value) && Object.keys(value).length === 1 && ['$slice', '$elemMatch'].includes(Object.keys(value)[0]);

/**
 * A find projection with mongod's semantics: inclusion or exclusion (never mixed, _id aside),
 * _id kept unless excluded, dotted paths through embedded documents and arrays, $slice and
 * $elemMatch. Projections with aggregation expressions go to mingo's $project.
 */
export class Projector {
  private constructor(
    private readonly mode: 'include' | 'exclude' | 'expression',
    private readonly tree: Tree,
    private readonly keepId: boolean,
    private readonly spec: Document,
  ) {}

  /** @returns null when there is nothing to project. @throws CommandError for an invalid projection. */
  static compile(spec: unknown): Projector | null {
    if (spec === undefined || spec === null) return null;
    if (!BsonValues.isDocument(spec)) throw new CommandError(ErrorCode.TypeMismatch, 'projection must be an object');
    const entries = Object.entries(spec);
    if (entries.length === 0) return null;
    if (entries.some(([, value]) => !isFlag(value) && !isProjectionOperator(value))) {
      FilterValidator.validateExpression(spec);
      return new Projector('expression', {}, true, spec);
    }
    let mode: 'include' | 'exclude' | undefined;
    let keepId = true;
    const tree: Tree = {};
    for (const [path, value] of entries) {
      if (path === '_id' && isFlag(value)) {
        keepId = Boolean(BsonValues.isNumber(value) ? BsonValues.toNumber(value) : value);
        continue;
      }
      if (path.split('.').includes('$')) {
        throw new CommandError(ErrorCode.NotImplemented, 'positional projection is not supported by MongoTestServer');
      }
      let node: Node = true;
      let fieldMode: 'include' | 'exclude' | undefined;
      if (isProjectionOperator(value)) {
        node = Projector.special(value);
        // $elemMatch selects fields like an inclusion; $slice works in either mode
        fieldMode = 'elemMatch' in node ? 'include' : undefined;
      } else {
        fieldMode = (BsonValues.isNumber(value) ? BsonValues.toNumber(value) !== 0 : Boolean(value)) ? 'include' : 'exclude';
      }
      if (fieldMode !== undefined) {
        if (mode !== undefined && mode !== fieldMode) {
          throw mode === 'include'
            ? new CommandError(ErrorCode.Location31254, `Cannot do exclusion on field ${path} in inclusion projection`)
            : new CommandError(ErrorCode.Location31253, `Cannot do inclusion on field ${path} in exclusion projection`);
        }
        mode = fieldMode;
      }
      Projector.place(tree, path.split('.'), node);
    }
    // {_id: 1} alone is an inclusion; $slice alone keeps every other field
    const resolved = mode ?? (Object.keys(tree).length === 0 && keepId ? 'include' : 'exclude');
    return new Projector(resolved, tree, keepId, spec);
  }

  apply(doc: Document): Document {
    if (this.mode === 'expression') {
      try {
        return MingoRuntime.aggregator([{ $project: this.spec }], () => []).run([doc])[0] as Document;
      } catch (error) {
        throw MingoRuntime.translate(error, '$project');
      }
    }
    const out = this.mode === 'include' ? Projector.include(doc, this.tree) : Projector.exclude(doc, this.tree);
    if (this.mode === 'include' && this.keepId && doc._id !== undefined) return { _id: doc._id, ...out };
    if (!this.keepId) delete out._id;
    return out;
  }

  private static special(value: Document): Special {
    if ('$slice' in value) {
      const arg = value.$slice;
      if (BsonValues.isNumber(arg)) return { slice: [BsonValues.toNumber(arg), undefined] };
      if (Array.isArray(arg) && arg.length === 2 && arg.every((n) => BsonValues.isNumber(n))) {
        const limit = BsonValues.toNumber(arg[1]);
        if (limit <= 0) throw new CommandError(ErrorCode.BadValue, `$slice limit must be positive`);
        return { slice: [BsonValues.toNumber(arg[0]), limit] };
      }
      throw new CommandError(ErrorCode.BadValue, '$slice only supports numbers and [skip, limit] arrays');
    }
    if (!BsonValues.isDocument(value.$elemMatch)) throw new CommandError(ErrorCode.BadValue, '$elemMatch needs an Object');
    return { elemMatch: DocumentMatcher.compile(value.$elemMatch) };
  }

  private static place(tree: Tree, parts: string[], node: Node): void {
    const [head, ...rest] = parts;
    if (rest.length === 0) {
      tree[head] = node;
      return;
    }
    const child = tree[head];
    if (child !== undefined && !isTree(child)) {
      throw new CommandError(ErrorCode.Location31254, `Path collision at ${parts.join('.')}`);
    }
    const subtree: Tree = child ?? {};
    tree[head] = subtree;
    Projector.place(subtree, rest, node);
  }

  private static include(doc: Document, tree: Tree): Document {
    const out: Document = {};
    for (const [field, value] of Object.entries(doc)) {
      const node = tree[field];
      if (node === undefined) continue;
      const projected = Projector.includeValue(value, node);
      if (projected !== undefined) out[field] = projected;
    }
    return out;
  }

  private static includeValue(value: unknown, node: Node): unknown {
    if (node === true) return BsonValues.clone(value);
    if (isSpecial(node)) return Projector.applySpecial(value, node);
    if (BsonValues.isDocument(value)) return Projector.include(value, node);
    if (Array.isArray(value)) {
      return value
        .filter((e) => BsonValues.isDocument(e) || Array.isArray(e))
        .map((e) => Projector.includeValue(e, node));
    }
    return undefined;
  }

  private static exclude(doc: Document, tree: Tree): Document {
    const out: Document = {};
    for (const [field, value] of Object.entries(doc)) {
      const node = tree[field];
      if (node === true) continue;
      out[field] = node === undefined ? BsonValues.clone(value) : Projector.excludeValue(value, node);
    }
    return out;
  }

  private static excludeValue(value: unknown, node: Node): unknown {
    if (isSpecial(node)) return Projector.applySpecial(value, node);
    if (node === true) return undefined;
    if (BsonValues.isDocument(value)) return Projector.exclude(value, node);
    if (Array.isArray(value)) return value.map((e) => Projector.excludeValue(e, node));
    return BsonValues.clone(value);
  }

  private static applySpecial(value: unknown, node: Special): unknown {
    if (!Array.isArray(value)) return node.elemMatch ? undefined : BsonValues.clone(value);
    if (node.elemMatch) {
      const matcher = node.elemMatch;
      const found = value.find((e) => BsonValues.isDocument(e) && matcher.test(e));
      return found === undefined ? undefined : [BsonValues.clone(found)];
    }
    const [skipOrCount, limit] = node.slice ?? [0, undefined];
    if (limit === undefined) {
      const part = skipOrCount >= 0 ? value.slice(0, skipOrCount) : value.slice(skipOrCount);
      return BsonValues.clone(part);
    }
    const start = skipOrCount >= 0 ? skipOrCount : Math.max(0, value.length + skipOrCount);
    return BsonValues.clone(value.slice(start, start + limit));
  }
}
