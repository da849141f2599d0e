import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The layer boundaries of ARCHITECTURE.md are lint errors: for each rule, a deliberate import across
 * the boundary (linted as if it were a file at that place) must fail with that rule, and the allowed
 * import next to it must pass. ESLint runs with the repository's own eslint.config.mjs, so a rule that
 * is weakened or removed fails here. (In the integration project: loading ESLint and the TypeScript
 * resolver takes seconds, too slow for the unit suite.)
 */
const ROOT = path.resolve(import.meta.dirname, "../../..");
let eslint: ESLint;

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

const cases: { boundary: string; file: string; crossing: string; allowed: string; rule: string }[] = [
  {
    boundary: "components never import the database",
    file: "components/fixture/boundary-fixture.tsx",
    crossing: 'import { db } from "@/lib/db/client";\nexport const x = db;\n',
    allowed: 'import { callApi } from "@/lib/api/client";\nexport const x = callApi;\n',
    rule: "import/no-restricted-paths",
  },
  {
    boundary: "components never import a server use case (not even its types)",
    file: "components/fixture/boundary-fixture.tsx",
    crossing: 'import type { QueueItemDto } from "@/lib/publishing/list-publish-queue";\nexport type X = QueueItemDto;\n',
    allowed: 'import type { QueueItemDto } from "@/lib/publishing/contracts";\nexport type X = QueueItemDto;\n',
    rule: "import/no-restricted-paths",
  },
  {
    boundary: "components call no literal API URL",
    file: "components/fixture/boundary-fixture.tsx",
    crossing: "export const load = (org: string) => fetch(`/api/orgs/${org}/media`);\n",
    allowed: 'import { callApi } from "@/lib/api/client";\nimport { listMediaEndpoint } from "@/lib/media/contracts";\nexport const load = (org: string) => callApi(listMediaEndpoint, { params: { org } });\n',
    rule: "no-restricted-syntax",
  },
  {
    boundary: "pages never import the database client",
    file: "app/(app)/[org]/fixture/page.tsx",
    crossing: 'import { db } from "@/lib/db/client";\nexport default async function Page() { return db ? null : null; }\n',
    allowed: 'import { listMedia } from "@/lib/media/list-media";\nexport default async function Page() { return listMedia ? null : null; }\n',
    rule: "import/no-restricted-paths",
  },
  {
    boundary: "contracts (imported by the browser) never import server modules",
    file: "lib/media/contracts.ts",
    crossing: 'import { env } from "@/lib/env";\nexport const x = env;\n',
    allowed: 'import { defineEndpoint } from "@/lib/api/endpoint";\nexport const x = defineEndpoint;\n',
    rule: "import/no-restricted-paths",
  },
  {
    boundary: "contracts never import node built-ins or server-only",
    file: "lib/media/contracts.ts",
    crossing: 'import "server-only";\nexport const x = 1;\n',
    allowed: 'import { z } from "zod";\nexport const x = z;\n',
    rule: "no-restricted-imports",
  },
  {
    boundary: "connectors never import domain modules",
    file: "lib/connectors/linkedin/boundary-fixture.ts",
    crossing: 'import { listMedia } from "@/lib/media/list-media";\nexport const x = listMedia;\n',
    allowed: 'import { ConnectorError } from "@/lib/connectors/errors";\nexport const x = ConnectorError;\n',
    rule: "import/no-restricted-paths",
  },
  {
    boundary: "lib/runtime never imports the app",
    file: "lib/runtime/boundary-fixture.ts",
    crossing: 'import { inngest } from "@/inngest/client";\nexport const x = inngest;\n',
    allowed: 'import { Executor } from "./executor";\nexport const x = Executor;\n',
    rule: "no-restricted-imports",
  },
];

describe("layer boundaries are lint errors", { timeout: 180_000 }, () => {
  for (const c of cases) {
    it(`${c.boundary}: the crossing fails with ${c.rule}, the allowed import passes`, async () => {
      expect(await ruleIds(c.file, c.crossing)).toContain(c.rule);
      expect(await ruleIds(c.file, c.allowed)).toEqual([]);
    });
  }
});
