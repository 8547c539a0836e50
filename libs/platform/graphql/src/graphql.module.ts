import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { GraphQLModule as NestGraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, MercuriusDriverConfig } from '@nestjs/mercurius';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError, NoSchemaIntrospectionCustomRule, validate } from 'graphql';
import { APP_CONFIG, AppConfig } from '@switchyard/config';
import { AppExceptionFilter } from './error.filter';
import { formatGraphQLError, httpStatusOf } from './error-formatter';
import { DEFAULT_QUERY_LIMITS, maxAliasesRule, maxCostRule, maxDepthRule, maxDirectivesRule } from './limits/query-limits';
import { InputValidationPipe } from './validation.pipe';
import { DateTimeScalar } from './scalars';

export const MAX_QUERY_LENGTH = 10_000;

export interface GraphQLContext {
  req: FastifyRequest;
  reply: FastifyReply;
}

function refuse(message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extensions } });
}

export function mercuriusOptions(config: AppConfig): MercuriusDriverConfig {
  const limits = DEFAULT_QUERY_LIMITS;
  return {
    driver: MercuriusDriver,
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    // Compile a query to JS after it has been seen once: the hot queries of a
    // client repeat, and compiled execution is markedly faster.
    jit: 1,
    cache: true,
    allowBatchedQueries: false,
    graphiql: !config.isProduction,
    // Mercurius answers mutations over GET with 405 itself; these refuse simple
    // cross-site requests (text/plain, form posts) that browsers send without preflight.
    // GET queries need one of these headers (a browser cannot add them cross-site without a preflight).
    csrfPrevention: {
      allowedContentTypes: ['application/json', 'application/graphql'],
      requiredHeaders: ['graphql-require-preflight', 'apollo-require-preflight', 'mercurius-require-preflight', 'x-mercurius-operation-name'],
    },
    fieldResolverEnhancers: ['guards', 'interceptors', 'filters'],
    buildSchemaOptions: { dateScalarMode: 'isoDate', numberScalarMode: 'float', scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    context: (req: FastifyRequest, reply: FastifyReply): GraphQLContext => ({ req, reply }),
    // Static rules so parsed and validated documents stay cacheable; cost needs
    // the variables and is checked in the preExecution hook below.
    validationRules: [
      maxDepthRule(limits.maxDepth),
      maxAliasesRule(limits.maxAliases),
      maxDirectivesRule(limits.maxDirectives),
      ...(config.isProduction ? [NoSchemaIntrospectionCustomRule] : []),
    ],
    hooks: {
      preParsing: async (_schema, source) => {
        if (source.length > MAX_QUERY_LENGTH) {
          throw refuse(`Query is ${source.length} characters long; the maximum is ${MAX_QUERY_LENGTH}.`, {
            limit: 'length',
            max: MAX_QUERY_LENGTH,
            actual: source.length,
          });
        }
      },
      preExecution: async (schema, document, context) => {
        const variables = (context.reply.request.body as { variables?: Record<string, unknown> } | undefined)?.variables;
        const errors = validate(schema, document, [maxCostRule(limits.maxCost, limits.defaultListSize, variables ?? null)]);
        if (errors.length > 0) throw errors[0];
      },
    },
    errorFormatter: (execution, context) => {
      const log = context.reply?.log ?? context.app.log;
      const errors = execution.errors
        .flatMap((error) => {
          const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
          return Array.isArray(nested) ? (nested as GraphQLError[]) : [error];
        })
        .map((error) =>
          formatGraphQLError(error instanceof GraphQLError ? error : new GraphQLError((error as Error).message), {
            production: config.isProduction,
            log,
          }),
        );
      const statusCode = execution.data ? 200 : ((execution as { statusCode?: number }).statusCode ?? httpStatusOf(execution.errors));
      return { statusCode, response: { data: execution.data ?? null, errors } };
    },
  } as MercuriusDriverConfig;
}

@Module({
  imports: [
    NestGraphQLModule.forRootAsync<MercuriusDriverConfig>({
      driver: MercuriusDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => mercuriusOptions(config),
    }),
  ],
  providers: [
    { provide: APP_FILTER, useClass: AppExceptionFilter },
    { provide: APP_PIPE, useClass: InputValidationPipe },
  ],
})
export class GraphQLModule {}
