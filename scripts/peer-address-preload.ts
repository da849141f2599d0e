import path from "node:path";

/** NODE_OPTIONS that load scripts/peer-address.mjs into Next.js (and the workers it forks): see that file. */
export function peerAddressPreload(env: NodeJS.ProcessEnv): { NODE_OPTIONS: string } {
  const file = path.resolve(import.meta.dirname, "peer-address.mjs");
  return { NODE_OPTIONS: [env.NODE_OPTIONS ?? "", `--import ${JSON.stringify(file)}`].join(" ").trim() };
}
