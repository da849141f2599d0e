import "server-only";
import { db } from "@/lib/db/client";
import { inputDtoSelect, toInputDto, type ContentInputDto } from "./input-dto";

/** Recent inputs of the organisation with their stage in the flywheel (newest first). */
export async function listInputs(opts: { organizationId: string; take?: number }): Promise<ContentInputDto[]> {
  const rows = await db().contentInput.findMany({
    where: { organizationId: opts.organizationId },
    orderBy: { createdAt: "desc" },
    take: Math.min(opts.take ?? 20, 100),
    select: inputDtoSelect,
  });
  return rows.map(toInputDto);
}
