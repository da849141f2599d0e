/** The answer of the workflow engine's ping function: proves a run went through end to end. */
export type Pong = { pong: true; message: string; organizationId: string | null; at: string };

export function buildPong(input: { message?: string; organizationId?: string }): Pong {
  return { pong: true, message: input.message ?? "pong", organizationId: input.organizationId ?? null, at: new Date().toISOString() };
}
