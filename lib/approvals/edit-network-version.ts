import "server-only";
import { PUBLISHING_PLATFORMS } from "@/lib/content/platform-rules";
import { editRevision, type EditRevisionOptions } from "@/lib/content/revisions/edit-revision";
import type { Platform } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import type { NetworkVersionDto } from "./contracts";
import { toNetworkVersions } from "./list-approvals";

/** The approval card's inline edit: a new revision of one network's version, returned as the card shows it. */
export async function editNetworkVersion(o: Omit<EditRevisionOptions, "platform"> & { platform: string }): Promise<NetworkVersionDto> {
  const platform = o.platform.toUpperCase();
  if (!(PUBLISHING_PLATFORMS as string[]).includes(platform)) throw notFound("revision");
  const revision = await editRevision({ ...o, platform: platform as Platform });
  const [version] = await toNetworkVersions(o.organizationId, [revision]);
  return version!;
}
