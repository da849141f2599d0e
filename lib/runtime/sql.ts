import type { Db, Prisma } from "@/lib/db/client";

/** Raw SQL access shared by the executor's modules: a client or an open transaction. */
export type Sql = Pick<Db, "$queryRawUnsafe" | "$executeRawUnsafe"> | Prisma.TransactionClient;

export function query<T>(sql: Sql, text: string, ...params: unknown[]): Promise<T[]> {
  return sql.$queryRawUnsafe<T[]>(text, ...params);
}

export function exec(sql: Sql, text: string, ...params: unknown[]): Promise<number> {
  return sql.$executeRawUnsafe(text, ...params);
}

/** Short transactions only: never hold one across an HTTP call (PGlite serialises them). */
export function transaction<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return db.$transaction(fn, { maxWait: 15_000, timeout: 30_000 });
}

export const json = (v: unknown): string => JSON.stringify(v ?? null);
