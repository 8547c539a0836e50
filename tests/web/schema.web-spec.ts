import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { TestApi, startTestApi } from '@switchyard/testing';

/**
 * The web app's types are generated from apps/web/schema.graphql (so building
 * the app needs no running server); this keeps that file equal to the schema
 * the API really serves. `npm run web:schema` rewrites it.
 */
const SCHEMA_FILE = path.resolve(__dirname, '../../apps/web/schema.graphql');

describe('apps/web/schema.graphql', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('is the schema the API serves', () => {
    const { schema } = api.app.get(GraphQLSchemaHost);
    const printed = `${printSchema(lexicographicSortSchema(schema))}\n`;
    if (process.env.WRITE_WEB_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== printed) {
      throw new Error('apps/web/schema.graphql is out of date: run `npm run web:schema`, then `npm run web:codegen`, and commit both.');
    }
  });
});
