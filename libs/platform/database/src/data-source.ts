import 'reflect-metadata';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@switchyard/config';
import { dataSourceOptions } from './data-source.options';

/**
 * Entry point for the TypeORM CLI (`npm run migration:*`), run from `dist/`.
 * Entities are globbed here only: the application registers its own through
 * `TypeOrmModule.forFeature`.
 */
const config = loadConfig(process.env, 'tool');

export default new DataSource({
  ...dataSourceOptions(config.database.url),
  entities: [path.join(__dirname, '../../../**/*.entity.js')],
});
