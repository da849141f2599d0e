import type { Locale } from "./types";

/**
 * The offline provider's answers for the scenario assistant (seed 002, `offlineWriter:
 * "scenario-assistant"`), built from the scenario the caller sends, in the reader's language. Same
 * inputs, same answer. `data.task` says which answer:
 *  - "targets": `{ suggestions: [3 x { label, description, insight }] }`, skipping targets already there;
 *  - "plan": `{ summary, rows: [{ format, message, channel, frequency, kpi }] }` shaped by the objectives,
 *    the targets' maturity and the resources;
 *  - "chat": `{ message_markdown, actions, entities_to_create, errors }` for `data.intent` / `data.message`.
 * Data read: scenario { name, theme, description, objectives[{label, priority}], targets[{label, maturity}],
 * resources[{type, title}] }, intent, message.
 */
type Obj = { label?: unknown; priority?: unknown };
type Tgt = { label?: unknown; maturity?: unknown };
type Res = { type?: unknown; title?: unknown };
type ScenarioData = { name?: unknown; theme?: unknown; description?: unknown; objectives?: Obj[]; targets?: Tgt[]; resources?: Res[] };

const str = (v: unknown): string => (typeof v === "string" ? v.replace(/\s+/g, " ").trim() : "");
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);
const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);

/** Target archetypes for B2B scenarios, per language: [label, description, insight]. */
const TARGETS: Record<Locale, [string, string, string][]> = {
  fr: [
    ["Décideurs PME", "Dirigeants et directeurs de PME de 20 à 250 salariés qui arbitrent les achats.", "Ils veulent un retour sur investissement rapide et des preuves concrètes de clients comparables."],
    ["Responsables marketing", "Responsables et chefs de projet marketing qui pilotent les campagnes au quotidien.", "Ils manquent de temps : un contenu prêt à l'emploi les fait passer à l'action."],
    ["Prescripteurs et partenaires", "Consultants, agences et intégrateurs qui recommandent des solutions à leurs clients.", "Un argumentaire partageable et un programme partenaire les rendent ambassadeurs."],
    ["Acheteurs grands comptes", "Services achats et directions métiers des entreprises de plus de 500 salariés.", "Ils comparent sur la conformité, la sécurité et le coût total : anticipez ces questions."],
    ["Clients existants", "Comptes déjà équipés, satisfaits, qui peuvent étendre leur usage.", "Un client satisfait achète plus facilement une extension qu'un nouveau prospect."],
  ],
  en: [
    ["SMB decision makers", "Owners and managers of 20 to 250-person companies who sign off purchases.", "They want a fast return on investment and proof from comparable customers."],
    ["Marketing managers", "Marketing managers and project leads who run campaigns day to day.", "They are short of time: ready-to-use content gets them to act."],
    ["Advisors and partners", "Consultants, agencies and integrators who recommend solutions to their clients.", "A shareable pitch and a partner programme turn them into advocates."],
    ["Enterprise buyers", "Procurement and business units of companies above 500 employees.", "They compare compliance, security and total cost: answer those questions up front."],
    ["Existing customers", "Accounts already equipped and satisfied, able to expand their use.", "A happy customer buys an extension more easily than a new prospect buys at all."],
  ],
};

function suggestTargets(s: ScenarioData, fr: boolean) {
  const taken = new Set(arr<Tgt>(s.targets).map((t) => str(t.label).toLowerCase()));
  const theme = str(s.theme);
  const pool = TARGETS[fr ? "fr" : "en"].filter(([label]) => !taken.has(label.toLowerCase()));
  const picked = (pool.length >= 3 ? pool : TARGETS[fr ? "fr" : "en"]).slice(0, 3);
  return {
    suggestions: picked.map(([label, description, insight]) => ({
      label,
      description: theme ? clip(`${description} ${fr ? `Thématique : ${theme}.` : `Theme: ${theme}.`}`, 600) : description,
      insight,
    })),
  };
}

function buildPlan(s: ScenarioData, fr: boolean) {
  const name = str(s.name) || (fr ? "ce scénario" : "this scenario");
  const objectives = arr<Obj>(s.objectives)
    .slice()
    .sort((a, b) => Number(a.priority ?? 9) - Number(b.priority ?? 9))
    .map((o) => str(o.label))
    .filter(Boolean);
  const targets = arr<Tgt>(s.targets);
  const resources = arr<Res>(s.resources).map((r) => str(r.title)).filter(Boolean);
  const mainTarget = str(targets[0]?.label) || (fr ? "vos cibles" : "your targets");
  const goal = objectives[0] || (fr ? "la notoriété" : "awareness");
  const hasDecision = targets.some((t) => t.maturity === "DECISION");
  const rows = fr
    ? [
        { format: "Post LinkedIn", message: clip(`${name} : le problème que ${mainTarget} rencontrent`, 600), channel: "LinkedIn", frequency: "2 par semaine", kpi: "Taux d'engagement > 3 %" },
        { format: "Article de blog", message: clip(`Guide pratique : ${goal}`, 600), channel: "Site web", frequency: "1 par mois", kpi: "Visites organiques" },
        { format: "E-mail", message: clip(resources[0] ? `Ressource à découvrir : ${resources[0]}` : `Les coulisses de ${name}`, 600), channel: "Newsletter", frequency: "Toutes les 2 semaines", kpi: "Taux de clic > 2,5 %" },
        { format: "Vidéo courte", message: clip(`Témoignage client pour ${mainTarget}`, 600), channel: "Instagram / LinkedIn", frequency: "1 par semaine", kpi: "Vues > 2 000" },
      ]
    : [
        { format: "LinkedIn post", message: clip(`${name}: the problem ${mainTarget} face`, 600), channel: "LinkedIn", frequency: "Twice a week", kpi: "Engagement rate > 3%" },
        { format: "Blog article", message: clip(`Practical guide: ${goal}`, 600), channel: "Website", frequency: "Monthly", kpi: "Organic visits" },
        { format: "Email", message: clip(resources[0] ? `Resource to discover: ${resources[0]}` : `Behind the scenes of ${name}`, 600), channel: "Newsletter", frequency: "Every 2 weeks", kpi: "Click rate > 2.5%" },
        { format: "Short video", message: clip(`Customer story for ${mainTarget}`, 600), channel: "Instagram / LinkedIn", frequency: "Weekly", kpi: "Views > 2,000" },
      ];
  if (hasDecision)
    rows.push(
      fr
        ? { format: "Webinaire", message: clip(`Démonstration en direct : ${name}`, 600), channel: "E-mail + LinkedIn", frequency: "1 par mois", kpi: "50 inscrits" }
        : { format: "Webinar", message: clip(`Live demo: ${name}`, 600), channel: "Email + LinkedIn", frequency: "Monthly", kpi: "50 sign-ups" },
    );
  const summary = fr
    ? `Plan de diffusion pour « ${name} » : priorité à ${goal.charAt(0).toLowerCase()}${goal.slice(1)}, auprès de ${targets.length ? targets.map((t) => str(t.label)).join(", ") : "vos cibles"}. Trois temps : attirer, convaincre, convertir.`
    : `Distribution plan for "${name}": priority to ${goal.charAt(0).toLowerCase()}${goal.slice(1)}, for ${targets.length ? targets.map((t) => str(t.label)).join(", ") : "your targets"}. Three stages: attract, convince, convert.`;
  return { summary: clip(summary, 2000), rows };
}

function chat(s: ScenarioData, intent: string, message: string, fr: boolean) {
  const name = str(s.name);
  const objectives = arr<Obj>(s.objectives).length;
  const targets = arr<Tgt>(s.targets).length;
  const resources = arr<Res>(s.resources).length;
  let text: string;
  if (intent === "scenario.create") {
    text = fr
      ? `C'est parti pour **${name}**. Commençons par les cibles : je peux vous en suggérer trois, ou vous pouvez fixer d'abord un objectif.`
      : `Let's build **${name}**. Start with the targets: I can suggest three, or you can set an objective first.`;
  } else if (!name) {
    text = fr
      ? "Je peux créer un scénario avec vous, reprendre un scénario existant ou vous montrer vos scénarios. Par quoi commençons-nous ?"
      : "I can build a scenario with you, pick up an existing one or show your scenarios. Where shall we start?";
  } else {
    const state = fr
      ? `**${name}** compte ${objectives} objectif(s), ${targets} cible(s) et ${resources} ressource(s).`
      : `**${name}** has ${objectives} objective(s), ${targets} target(s) and ${resources} resource(s).`;
    const next =
      targets === 0
        ? fr
          ? "Prochaine étape conseillée : définir les cibles."
          : "Suggested next step: define the targets."
        : objectives === 0
          ? fr
            ? "Prochaine étape conseillée : fixer un objectif mesurable."
            : "Suggested next step: set a measurable objective."
          : fr
            ? "Tout est prêt pour générer le plan de diffusion."
            : "Everything is ready to generate the distribution plan.";
    const echo = message ? (fr ? `Bien noté : « ${clip(message, 200)} ».\n\n` : `Noted: "${clip(message, 200)}".\n\n`) : "";
    text = `${echo}${state} ${next}`;
  }
  return { message_markdown: text, actions: [], entities_to_create: [], errors: [] };
}

export function scenarioAssistantOffline(sources: { data: Record<string, unknown>; locale?: Locale }): unknown {
  const d = sources.data;
  const fr = (sources.locale ?? "fr") === "fr";
  const scenario = (d.scenario && typeof d.scenario === "object" ? d.scenario : {}) as ScenarioData;
  if (d.task === "targets") return suggestTargets(scenario, fr);
  if (d.task === "plan") return buildPlan(scenario, fr);
  return chat(scenario, str(d.intent), str(d.message), fr);
}
