import { db } from "@/lib/db/client";
import { seedDemo } from "@/lib/demo/seed-demo";

/** `npm run db:seed` (and `npm run dev` unless DEMO_SEED=false): the demo organisation, once. */
const client = db();
try {
  const res = await seedDemo(client);
  console.log(res.created ? "▸ Demo organisation « Atelier Sahel » seeded (slug: demo)" : "▸ Demo organisation already present (slug: demo): nothing to do");
} finally {
  await client.$disconnect();
}
