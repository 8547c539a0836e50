import type { EntityManager } from 'typeorm';

type Queryable = Pick<EntityManager, 'query'>;

/**
 * Rows of an INSERT/UPDATE/DELETE ... RETURNING. TypeORM's postgres driver
 * returns `[rows, affectedCount]` for UPDATE and DELETE but plain rows for
 * SELECT and INSERT; this hides the difference.
 */
export async function returning<T>(db: Queryable, sql: string, params: unknown[] = []): Promise<T[]> {
  const result = await db.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
