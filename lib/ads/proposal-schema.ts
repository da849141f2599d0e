import { z } from "zod";

/** What MKT-202 asks the model for (seed 000 MKT-202): the rule-bound parts (budgets, KPIs) are checked in code afterwards. */
export const proposalSchema = z.object({
  name: z.string().min(3).max(80),
  objective: z.enum(["AWARENESS", "TRAFFIC", "ENGAGEMENT", "LEADS", "CONVERSIONS"]),
  targeting: z.object({
    countries: z.array(z.string().min(2).max(2)).min(1).max(6),
    ageMin: z.number().int().min(18).max(60),
    ageMax: z.number().int().min(25).max(65),
    interests: z.array(z.string().min(2).max(60)).min(1).max(8),
    lookalike: z.string().max(120).optional(),
  }),
  dailyBudgetMinor: z.number().int().min(500).max(50_000),
  durationDays: z.number().int().min(5).max(30),
  adSets: z.array(z.object({ name: z.string().min(2).max(80), audienceNote: z.string().max(200) })).min(1).max(2),
  copies: z
    .array(z.object({ headline: z.string().min(2).max(40), primaryText: z.string().min(10).max(500), description: z.string().max(90), callToAction: z.enum(["LEARN_MORE", "SIGN_UP", "CONTACT_US", "SHOP_NOW", "GET_QUOTE"]) }))
    .length(3),
  visuals: z.array(z.string().min(5).max(300)).length(3),
  rationale: z.string().min(10).max(800),
});
export type Proposal = z.infer<typeof proposalSchema>;
