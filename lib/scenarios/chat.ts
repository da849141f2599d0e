import "server-only";
import type { z } from "zod";
import { db, type Prisma } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { parseWith } from "@/lib/http";
import type { Locale } from "@/lib/providers/ai";
import { askAssistant, generatePlan, scenarioContext, suggestTargets } from "./assistant-ai";
import type { ChatMessageDto, ScenarioDto } from "./contracts";
import { assertScenario, getScenario, toMessageDto } from "./get-scenario";
import { addObjective, addResource, addTarget, createScenario, listScenarioPage } from "./manage-scenarios";
import { messageExpiry } from "./purge-messages";
import { addObjectiveSchema, addResourceSchema, addTargetSchema, aiChatSchema, type ChatAction, type ChatIntent, type chatSchema } from "./schemas";
import { searchInspirations } from "./search-inspirations";

/**
 * The chat (seed 002 sections 6 and 10): each button is an intent sent with the scenario context; the
 * server answers { message_markdown, actions, entities_to_create, errors } and the updated scenario.
 * The next buttons are decided here from the scenario's state, never taken from the model. Every AI
 * call happens before anything is written, so an AI failure (502) leaves no trace; the turn's two
 * messages (the user's, the assistant's) are stored with a 7-day expiry.
 */
export type ChatInput = z.output<typeof chatSchema>;
type Entity = { kind: string; label: string; description?: string; insight?: string };
export type ChatTurn = { chatId: string; message_markdown: string; actions: ChatAction[]; entities_to_create: Entity[]; errors: string[]; messages: ChatMessageDto[]; scenario: ScenarioDto | null };

const L = {
  fr: {
    create: "Créer un scénario",
    open: "Travailler sur un scénario existant",
    list: "Voir mes scénarios",
    suggest: "Suggérer des cibles",
    search: "Trouver des inspirations",
    plan: "Générer le plan",
    replan: "Régénérer le plan",
    add: "Ajouter",
    useAs: { resource: "Utiliser comme ressource", target: "Utiliser comme cible", objective: "Utiliser comme objectif" },
    welcome: "Bonjour ! Je vous aide à construire un scénario marketing : objectifs, cibles, ressources, puis un plan de diffusion. Voulez-vous **créer un scénario**, **travailler sur un scénario existant** ou **voir vos scénarios** ?",
    noScenarios: "Vous n'avez pas encore de scénario. Créez-en un, ou copiez un exemple.",
    yourScenarios: "Vos scénarios les plus récents :",
    pick: "Choisissez le scénario sur lequel travailler :",
    suggestions: "Voici trois cibles possibles. Cliquez sur **Ajouter** pour celles qui vous conviennent.",
    added: (what: string, label: string) => `${what} **${label}** ajouté(e) au scénario.`,
    kinds: { target: "Cible", objective: "Objectif", resource: "Ressource" },
    inspirations: "Trois inspirations trouvées dans vos contenus, signaux et enseignements :",
    recommended: "Action recommandée",
    source: "Source",
    planDone: (n: number, v: number) => `Plan de diffusion généré (version ${v}, ${n} lignes). Retrouvez le tableau dans le détail du scénario.`,
  },
  en: {
    create: "Create a scenario",
    open: "Work on an existing scenario",
    list: "See my scenarios",
    suggest: "Suggest targets",
    search: "Find inspirations",
    plan: "Generate the plan",
    replan: "Regenerate the plan",
    add: "Add",
    useAs: { resource: "Use as a resource", target: "Use as a target", objective: "Use as an objective" },
    welcome: "Hello! I help you build a marketing scenario: objectives, targets, resources, then a distribution plan. Would you like to **create a scenario**, **work on an existing one** or **see your scenarios**?",
    noScenarios: "You have no scenario yet. Create one, or copy an example.",
    yourScenarios: "Your most recent scenarios:",
    pick: "Choose the scenario to work on:",
    suggestions: "Here are three possible targets. Click **Add** on those that fit.",
    added: (what: string, label: string) => `${what} **${label}** added to the scenario.`,
    kinds: { target: "Target", objective: "Objective", resource: "Resource" },
    inspirations: "Three inspirations found in your content, signals and insights:",
    recommended: "Recommended action",
    source: "Source",
    planDone: (n: number, v: number) => `Distribution plan generated (version ${v}, ${n} rows). The table is in the scenario's detail.`,
  },
} as const;

let seq = 0;
const action = (label: string, intent: ChatIntent, payload?: Record<string, unknown>): ChatAction => ({ id: `${intent}:${++seq % 1000}`, label: label.slice(0, 80), intent, ...(payload ? { payload } : {}) });

/** The next buttons for a scenario's state. */
export function nextActions(s: ScenarioDto | null, locale: Locale): ChatAction[] {
  const t = L[locale];
  if (!s) return [action(t.create, "scenario.create"), action(t.open, "scenario.list"), action(t.list, "scenario.list")];
  return [action(t.suggest, "targets.suggest", { scenarioId: s.id }), action(t.search, "search.run", { scenarioId: s.id }), action(s.plan ? t.replan : t.plan, "plan.generate", { scenarioId: s.id })];
}

export function welcomeTurn(locale: Locale): ChatTurn {
  return { chatId: "", message_markdown: L[locale].welcome, actions: nextActions(null, locale), entities_to_create: [], errors: [], messages: [], scenario: null };
}

function requireScenarioId(input: ChatInput): string {
  if (!input.scenarioId) throw new AppError("validation", "assistant.noScenario", { field: "scenarioId" });
  return input.scenarioId;
}

/** A missing input: 422 naming it. */
const required = (field: string) => new AppError("validation", "validation.summary", { field, issues: [{ field, code: "required", key: "validation.required" }] });

const str = (v: unknown) => (typeof v === "string" ? v : "");
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** What the person "said" by pressing a button, in their language (stored as their message). */
function userLabel(input: ChatInput, locale: Locale): string {
  const t = L[locale];
  const p = input.payload ?? {};
  switch (input.intent) {
    case "scenario.list":
      return t.list;
    case "scenario.open":
      return str(p.label) || t.open;
    case "targets.suggest":
      return t.suggest;
    case "search.run":
      return t.search;
    case "plan.generate":
      return t.plan;
    case "targets.add":
    case "objectives.add":
      return `${t.add} : ${str(p.label)}`;
    case "resources.add":
      return `${t.add} : ${str(p.title)}`;
    case "inspiration.use": {
      const kind = str(p.kind);
      return kind === "resource" || kind === "target" || kind === "objective" ? `${t.useAs[kind]} : ${str(p.title)}` : str(p.title);
    }
    default:
      return str(p.label) || input.intent;
  }
}

export async function chatTurn(opts: { organizationId: string; userId: string; input: ChatInput; locale: Locale; now?: Date }): Promise<ChatTurn> {
  const { organizationId, input, locale } = opts;
  const t = L[locale];
  if (input.intent === "welcome") return welcomeTurn(locale);
  if (input.chatId) {
    const chat = await db().assistantChat.findFirst({ where: { id: input.chatId, organizationId, userId: opts.userId }, select: { id: true } });
    if (!chat) throw new AppError("not_found", "notFound", { values: { thing: "other" }, field: "chatId" });
  }
  if (input.scenarioId) await assertScenario({ organizationId, scenarioId: input.scenarioId });

  let scenarioId = input.scenarioId ?? null;
  let text = "";
  let actions: ChatAction[] | null = null;
  let entities: Entity[] = [];
  let errors: string[] = [];
  let raw: unknown = null;
  const userText = input.message || userLabel(input, locale);

  switch (input.intent) {
    case "scenario.create": {
      const name = input.message ?? str(input.payload?.name);
      if (!name.trim()) throw required("message");
      const theme = clip(str(input.payload?.theme) || (locale === "fr" ? "Général" : "General"), 150);
      const draft = { name: clip(name.trim(), 150), theme };
      const ai = await askAssistant({
        organizationId,
        operation: "chat:scenario.create",
        prompt: "The user creates this scenario. Welcome it in one or two sentences and say what to define first.",
        data: { task: "chat", intent: input.intent, scenario: { ...draft, objectives: [], targets: [], resources: [] } },
        locale,
        schema: aiChatSchema,
      });
      const created = await createScenario({ organizationId, createdById: opts.userId.startsWith("api-key:") ? null : opts.userId, input: draft });
      scenarioId = created.id;
      text = ai.object.message_markdown;
      errors = ai.object.errors;
      raw = ai.object;
      break;
    }
    case "scenario.list": {
      scenarioId = null;
      const page = await listScenarioPage({ organizationId, query: { page: 1, pageSize: 5 } });
      text = page.items.length ? `${input.intent === "scenario.list" ? t.pick : t.yourScenarios}\n\n${page.items.map((s) => `- **${s.name}** (${s.theme})`).join("\n")}` : t.noScenarios;
      actions = page.items.length ? page.items.map((s) => action(s.name, "scenario.open", { scenarioId: s.id, label: s.name })) : [action(t.create, "scenario.create")];
      break;
    }
    case "scenario.open":
    case "message": {
      if (input.intent === "scenario.open") scenarioId = requireScenarioId(input);
      if (input.intent === "message" && !input.message) throw required("message");
      const scenario = scenarioId ? await getScenario({ organizationId, scenarioId, messages: 0 }) : null;
      const ai = await askAssistant({
        organizationId,
        operation: `chat:${input.intent}`,
        prompt: "Answer the user about this scenario (or about starting one): where it stands and the next useful step. Put entities you propose in entities_to_create.",
        data: { task: "chat", intent: input.intent, message: input.message ?? "", scenario: scenarioContext(scenario) },
        locale,
        schema: aiChatSchema,
      });
      text = ai.object.message_markdown;
      errors = ai.object.errors;
      raw = ai.object;
      entities = ai.object.entities_to_create;
      const offered = entities.filter((e) => e.kind !== "scenario" && scenarioId).map((e) => action(`${t.add} : ${e.label}`, `${e.kind}s.add` as ChatIntent, { scenarioId, label: e.label, ...(e.kind === "resource" ? { type: "OTHER", title: e.label, label: undefined } : {}) }));
      actions = offered.length ? [...offered, ...nextActions(scenario, locale)] : null;
      break;
    }
    case "targets.suggest": {
      scenarioId = requireScenarioId(input);
      const { suggestions } = await suggestTargets({ organizationId, scenarioId, locale });
      text = `${t.suggestions}\n\n${suggestions.map((s) => `- **${s.label}** — ${s.description}\n  _${s.insight}_`).join("\n")}`;
      entities = suggestions.map((s) => ({ kind: "target", label: s.label, description: s.description, insight: s.insight }));
      actions = suggestions.map((s) => action(`${t.add} : ${s.label}`, "targets.add", { label: s.label, persona: s.description, insight: s.insight }));
      raw = { suggestions };
      break;
    }
    case "targets.add":
    case "objectives.add":
    case "resources.add": {
      scenarioId = requireScenarioId(input);
      const payload = { ...(input.payload ?? {}) };
      delete payload.scenarioId;
      if (input.intent === "targets.add") {
        const target = parseWith(addTargetSchema, payload, "payload");
        await addTarget({ organizationId, scenarioId, input: target });
        text = t.added(t.kinds.target, target.label);
      } else if (input.intent === "objectives.add") {
        const objective = parseWith(addObjectiveSchema, payload, "payload");
        await addObjective({ organizationId, scenarioId, input: objective });
        text = t.added(t.kinds.objective, objective.label);
      } else {
        const resource = parseWith(addResourceSchema, payload, "payload");
        await addResource({ organizationId, scenarioId, input: resource });
        text = t.added(t.kinds.resource, resource.title);
      }
      break;
    }
    case "search.run": {
      scenarioId = requireScenarioId(input);
      const search = await searchInspirations({ organizationId, scenarioId, query: input.message, locale });
      text = `${t.inspirations}\n\n${search.results.map((r) => `- **${r.title}** — ${r.excerpt}\n  ${t.recommended} : ${r.recommendedAction} (${t.source} : ${r.source})`).join("\n")}`;
      entities = search.results.map((r) => ({ kind: r.kind, label: r.title, description: r.excerpt }));
      actions = search.results.map((r) => action(`${t.useAs[r.kind]} : ${clip(r.title, 40)}`, "inspiration.use", { kind: r.kind, title: r.title, excerpt: r.excerpt, source: r.source }));
      break;
    }
    case "inspiration.use": {
      scenarioId = requireScenarioId(input);
      const kind = str(input.payload?.kind);
      const title = clip(str(input.payload?.title).trim(), 120);
      const excerpt = clip(str(input.payload?.excerpt), 2000) || undefined;
      if (!title) throw required("payload.title");
      if (kind === "target") await addTarget({ organizationId, scenarioId, input: { label: title, insight: excerpt } });
      else if (kind === "objective") await addObjective({ organizationId, scenarioId, input: { label: title, description: excerpt, priority: 2 } });
      else if (kind === "resource") await addResource({ organizationId, scenarioId, input: { type: "OTHER", title, note: excerpt, usage: clip(str(input.payload?.source), 120) || undefined } });
      else throw required("payload.kind");
      text = t.added(t.kinds[kind], title);
      break;
    }
    case "plan.generate": {
      scenarioId = requireScenarioId(input);
      const s = await generatePlan({ organizationId, scenarioId, locale });
      text = `${s.plan!.summary}\n\n${t.planDone(s.plan!.rows.length, s.plan!.version)}`;
      break;
    }
  }

  // Write the turn: the chat (its expiry follows its last message) and the two messages.
  const now = opts.now ?? new Date();
  const scenario = scenarioId ? await getScenario({ organizationId, scenarioId, messages: 0 }) : null;
  const finalActions = actions ?? nextActions(scenario, locale);
  const stored = await db().$transaction(async (tx) => {
    const chat = input.chatId
      ? await tx.assistantChat.update({ where: { id: input.chatId }, data: { lastMessageAt: now, expiresAt: messageExpiry(now), scenarioId }, select: { id: true } })
      : await tx.assistantChat.create({ data: { organizationId, userId: opts.userId, scenarioId, title: clip(userText, 120), lastMessageAt: now, expiresAt: messageExpiry(now) }, select: { id: true } });
    const user = await tx.assistantMessage.create({ data: { organizationId, chatId: chat.id, scenarioId, author: "USER", content: clip(userText, 4000), action: input.intent, createdAt: now, expiresAt: messageExpiry(now) } });
    const at = new Date(now.getTime() + 1);
    const bot = await tx.assistantMessage.create({
      data: { organizationId, chatId: chat.id, scenarioId, author: "ASSISTANT", content: text, actions: finalActions as unknown as Prisma.InputJsonValue, raw: (raw ?? undefined) as Prisma.InputJsonValue | undefined, createdAt: at, expiresAt: messageExpiry(at) },
    });
    return { chatId: chat.id, messages: [toMessageDto(user), toMessageDto(bot)] };
  });
  return { chatId: stored.chatId, message_markdown: text, actions: finalActions, entities_to_create: entities, errors, messages: stored.messages, scenario: scenario ? await getScenario({ organizationId, scenarioId: scenario.id }) : null };
}
