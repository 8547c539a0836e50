import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { BadUserInputError, FieldProblem } from './errors';

const PRIMITIVES = new Set<unknown>([String, Boolean, Number, Array, Object]);

function problemsOf(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(problemsOf(error.children ?? [], field));
  });
}

/**
 * class-validator for resolver arguments. Unlike Nest's ValidationPipe it knows
 * the argument's name, so errors name the full path (`input.timeZone`) in
 * `extensions.fields`, as the API contract promises.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // Only arguments: parents and context objects pass through untouched.
    // (Nest reports GraphQL arguments as 'body'.)
    if (metadata.type !== 'body') return value;
    const type = metadata.metatype;
    if (!type || PRIMITIVES.has(type) || value === null || value === undefined || typeof value !== 'object') {
      return value;
    }
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance, { forbidUnknownValues: false, validationError: { target: false, value: false } });
    if (errors.length > 0) throw new BadUserInputError(problemsOf(errors, metadata.data ?? ''));
    return instance;
  }
}
