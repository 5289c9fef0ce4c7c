import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { BsonTypeNames } from './bson-type-names';
import { MingoRuntime } from './mingo-runtime';

const COMPARISONS = new Set(['$eq', '$gt', '$gte', '$lt', '$lte', '$exists', '$bitsAllSet', '$bitsAllClear', '$bitsAnySet', '$bitsAnyClear']);
const GEO = new Set(['$geoWithin', '$geoIntersects', '$near', '$nearSphere', '$within', '$maxDistance', '$minDistance']);
const UNMODELLED_TOP_LEVEL = new Set(['$jsonSchema', '$text', '$alwaysTrue', '$alwaysFalse', '$sampleRate']);
const SCRIPT_OPERATORS = new Set(['$function', '$accumulator', '$where']);

const badValue = (message: string): CommandError => new CommandError(ErrorCode.BadValue, message);
const isRegex = (v: unknown): boolean => v instanceof RegExp || (v as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp';

/**
 * Rejects query filters the way mongod's MatchExpressionParser does, before mingo sees them:
 * unknown or misplaced operators, malformed operator arguments and server-side JavaScript.
 * mingo alone would either throw its own messages or silently accept them.
 */
export class FilterValidator {
  /** @throws CommandError (mostly BadValue 2) for a filter mongod would refuse. */
  static validate(filter: Document): void {
    for (const [key, value] of Object.entries(filter)) {
      if (key.startsWith('$')) FilterValidator.validateTopLevel(key, value);
      else if (BsonValues.isOperatorDocument(value)) FilterValidator.validateOperators(value);
    }
  }

  /** Checks an aggregation expression ($expr, pipeline stages) for unknown operators and JavaScript. */
  static validateExpression(expression: unknown): void {
    if (Array.isArray(expression)) {
      expression.forEach((e) => FilterValidator.validateExpression(e));
      return;
    }
    if (!BsonValues.isDocument(expression)) return;
    for (const [key, value] of Object.entries(expression)) {
      if (key.startsWith('$')) {
        if (SCRIPT_OPERATORS.has(key)) throw badValue(`${key} is not allowed: server-side JavaScript is disabled`);
        if (key === '$literal') continue;
        if (!MingoRuntime.hasExpressionOperator(key)) {
          throw new CommandError(ErrorCode.InvalidPipelineOperator, `Unrecognized expression '${key}'`);
        }
      }
      FilterValidator.validateExpression(value);
    }
  }

  private static validateTopLevel(operator: string, value: unknown): void {
    switch (operator) {
      case '$and':
      case '$or':
      case '$nor':
        if (!Array.isArray(value)) throw badValue(`${operator} must be an array`);
        if (value.length === 0) throw badValue('$and/$or/$nor must be a nonempty array');
        for (const clause of value) {
          if (!BsonValues.isDocument(clause)) throw badValue('$or/$and/$nor entries need to be full objects');
          FilterValidator.validate(clause);
        }
        return;
      case '$expr':
        FilterValidator.validateExpression(value);
        return;
      case '$comment':
        return;
      case '$where':
        // what mongod answers when server-side scripting is disabled
        throw new CommandError(ErrorCode.Location6108304, 'no globalScriptEngine in $where parsing');
      default:
        if (UNMODELLED_TOP_LEVEL.has(operator)) {
          throw new CommandError(ErrorCode.NotImplemented, `${operator} is not supported by MongoTestServer`);
        }
        throw badValue(
          `unknown top level operator: ${operator}. If you have a field name that starts with a '$' symbol, consider using $getField or $setField.`,
        );
    }
  }

  private static validateOperators(operators: Document): void {
    for (const [operator, argument] of Object.entries(operators)) {
      FilterValidator.validateOperator(operator, argument, operators);
    }
  }

  private static validateOperator(operator: string, argument: unknown, siblings: Document): void {
    if (COMPARISONS.has(operator)) return;
    if (GEO.has(operator)) throw new CommandError(ErrorCode.NotImplemented, `${operator} is not supported by MongoTestServer`);
    switch (operator) {
      case '$ne':
        if (isRegex(argument)) throw badValue("Can't have regex as arg to $ne.");
        return;
      case '$in':
      case '$nin':
        if (!Array.isArray(argument)) throw badValue(`${operator} needs an array`);
        if (argument.some((e) => BsonValues.isOperatorDocument(e))) throw badValue(`cannot nest $ under ${operator}`);
        return;
      case '$all':
        if (!Array.isArray(argument)) throw badValue('$all needs an array');
        return;
      case '$size':
        if (!BsonValues.isNumber(argument)) throw badValue(`Failed to parse $size. Expected a number in: $size: ${BsonValues.format(argument)}`);
        return;
      case '$type':
        FilterValidator.validateType(argument);
        return;
      case '$regex':
        if (typeof argument !== 'string' && !isRegex(argument)) throw badValue('$regex has to be a string');
        return;
      case '$options':
        if (!('$regex' in siblings)) throw badValue('$options needs a $regex');
        if (typeof argument !== 'string') throw badValue('$options has to be a string');
        return;
      case '$not':
        if (isRegex(argument)) return;
        if (!BsonValues.isDocument(argument)) throw badValue('$not needs a regex or a document');
        if (Object.keys(argument).length === 0) throw badValue('$not cannot be empty');
        FilterValidator.validateOperators(argument);
        return;
      case '$elemMatch':
        if (!BsonValues.isDocument(argument)) throw badValue('$elemMatch needs an Object');
        if (BsonValues.isOperatorDocument(argument)) FilterValidator.validateOperators(argument);
        else FilterValidator.validate(argument);
        return;
      case '$mod':
        FilterValidator.validateMod(argument);
        return;
      default:
        throw badValue(`unknown operator: ${operator}`);
    }
  }

  private static validateType(argument: unknown): void {
    for (const designator of Array.isArray(argument) ? argument : [argument]) {
      if (typeof designator === 'string') {
        if (!BsonTypeNames.alias(designator)) throw badValue(`Unknown type name alias: ${designator}`);
      } else if (typeof designator === 'number') {
        if (!BsonTypeNames.alias(designator)) throw badValue(`Invalid numerical type code: ${designator}`);
      } else {
        throw new CommandError(ErrorCode.TypeMismatch, 'type must be represented as a number or a string');
      }
    }
  }

  private static validateMod(argument: unknown): void {
    if (!Array.isArray(argument)) throw badValue('malformed mod, needs to be an array');
    if (argument.length < 2) throw badValue('malformed mod, not enough elements');
    if (argument.length > 2) throw badValue('malformed mod, too many elements');
    if (!BsonValues.isNumber(argument[0])) throw badValue('malformed mod, divisor not a number');
    if (!BsonValues.isNumber(argument[1])) throw badValue('malformed mod, remainder not a number');
    if (BsonValues.toNumber(argument[0]) === 0) throw badValue('divisor cannot be 0');
  }
}
