import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';

const isIndex = (part: string): boolean => /^\d+$/.test(part);
type Container = Document | unknown[];

/**
 * One concrete field an update operator writes (positional parts already resolved), with the
 * navigation mongod does: reading, creating missing embedded documents, padding arrays with
 * nulls, and PathNotViable where a path runs into a scalar.
 */
export class UpdateTarget {
  constructor(
    private readonly doc: Document,
    readonly parts: readonly string[],
  ) {}

  get path(): string {
    return this.parts.join('.');
  }

  get field(): string {
    return this.parts[this.parts.length - 1];
  }

  /** The current value, undefined when missing. */
  get(): unknown {
    const parent = this.parent(false);
    return parent === null ? undefined : UpdateTarget.child(parent, this.field);
  }

  /** Sets the value, creating missing embedded documents on the way. */
  set(value: unknown): void {
    const parent = this.parent(true) as Container;
    if (Array.isArray(parent)) {
      const index = Number(this.field);
      while (parent.length < index) parent.push(null);
      parent[index] = value;
    } else {
      parent[this.field] = value;
    }
  }

  /** Removes the field; an array element becomes null, as with mongod's $unset. */
  unset(): void {
    const parent = this.parent(false);
    if (parent === null) return;
    if (Array.isArray(parent)) {
      const index = Number(this.field);
      if (index < parent.length) parent[index] = null;
    } else {
      delete parent[this.field];
    }
  }

  /** Whether the path passes through an array before its last part (for $rename). */
  arrayOnPath(): string | undefined {
    let node: unknown = this.doc;
    for (const part of this.parts) {
      if (Array.isArray(node)) return part;
      if (!BsonValues.isDocument(node)) return undefined;
      node = node[part];
    }
    return undefined;
  }

  private parent(create: boolean): Container | null {
    let node: Container = this.doc;
    for (let i = 0; i < this.parts.length - 1; i++) {
      const part = this.parts[i];
      let child = UpdateTarget.child(node, part);
      if (child === undefined) {
        if (!create) return null;
        if (Array.isArray(node) && !isIndex(part)) throw this.notViable(part, this.parts[i - 1], node);
        child = {};
        if (Array.isArray(node)) {
          while (node.length < Number(part)) node.push(null);
          node[Number(part)] = child;
        } else {
          node[part] = child;
        }
      } else if (!BsonValues.isDocument(child) && !Array.isArray(child)) {
        if (!create) return null;
        throw this.notViable(this.parts[i + 1], part, child);
      }
      node = child as Container;
    }
    if (Array.isArray(node) && !isIndex(this.field)) {
      if (!create) return null;
      throw this.notViable(this.field, this.parts[this.parts.length - 2], node);
    }
    return node;
  }

  private notViable(field: string, holder: string | undefined, element: unknown): CommandError {
    return new CommandError(
      ErrorCode.PathNotViable,
      `Cannot create field '${field}' in element {${holder ?? ''}: ${BsonValues.format(element)}}`,
    );
  }

  private static child(node: Container, part: string): unknown {
    if (Array.isArray(node)) return isIndex(part) ? node[Number(part)] : undefined;
    return node[part];
  }
}
