import { prismaCli } from "./prisma-cli";

const res = await prismaCli(["generate"]);
process.stdout.write(res.stdout.split("\n").filter((l) => l.includes("Generated") || l.includes("rror")).join("\n") + "\n");
if (res.status !== 0) {
  process.stderr.write(res.stderr);
  process.exit(res.status);
}
