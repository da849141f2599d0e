/**
 * Triage rules (seed 003 `ai_rules`), pure: which enabled rule, in priority order, a message or comment
 * matches — by keyword (accent- and case-insensitive, whole words), regular expression
 * (case-insensitive) or similarity to one of the rule's examples (difflib's Ratcliff/Obershelp ratio,
 * as the seed's implementation did; >= the rule's threshold, 0.7 by default). A rule without any
 * condition matches everything (a catch-all, e.g. to require a minimum confidence on every answer).
 * The rules are evaluated before the AI; `decideWithRules` turns the match and the AI's answer into
 * the decision (IGNORE / ESCALATE / AUTO_REPLY with confidence and reason).
 */

export type TriageActionValue = "IGNORE" | "ESCALATE" | "AUTO_REPLY";
export type TriageTargetValue = "DIRECT_MESSAGE" | "COMMENT";

export type RuleForTriage = {
  id: string;
  name: string;
  action: TriageActionValue;
  appliesTo: TriageTargetValue[];
  platforms: string[];
  keywords: string[];
  patterns: string[];
  examples: string[];
  similarityMin: number;
  confidenceMin: number | null;
  replyTemplate: string | null;
  enabled: boolean;
  priority: number;
};

export type RuleMatch = { rule: RuleForTriage; by: "keyword" | "pattern" | "example" | "catch-all"; value: string | null; similarity: number | null };

/** The AI's answer (model or offline writer), already schema-checked. */
export type AiTriageAnswer = { action: TriageActionValue; confidence: number; reason: string; reply: string | null };

export type TriageOutcome = {
  action: TriageActionValue;
  confidence: number;
  reason: string;
  ruleId: string | null;
  reply: string | null;
  /** How the decision was reached (kept in the decision's snapshot). */
  via: "rule" | "rule+ai" | "ai";
  match: { by: RuleMatch["by"]; value: string | null; similarity: number | null } | null;
};

/** An AI AUTO_REPLY below this confidence (and no rule saying otherwise) goes to a person. */
export const DEFAULT_AUTO_REPLY_MIN_CONFIDENCE = 0.7;

export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/\s+/g, " ")
    .trim();
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A keyword found as whole word(s) in the folded text ("prix" matches "Prix ?" but not "prixmax"). */
export function keywordIn(text: string, keyword: string): boolean {
  const k = foldText(keyword);
  if (!k) return false;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(k)}($|[^\\p{L}\\p{N}])`, "u").test(foldText(text));
}

/** A rule's pattern compiled case-insensitively; null when it is not a valid expression (the editor refuses those). */
export function compilePattern(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern, "iu");
  } catch {
    try {
      return new RegExp(pattern, "i");
    } catch {
      return null;
    }
  }
}

function longestMatch(a: string, b: string, alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
  let best: [number, number, number] = [alo, blo, 0];
  let lengths = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (let j = blo; j < bhi; j++) {
      if (a[i] !== b[j]) continue;
      const k = (lengths.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > best[2]) best = [i - k + 1, j - k + 1, k];
    }
    lengths = next;
  }
  return best;
}

function matchingCharacters(a: string, b: string, alo: number, ahi: number, blo: number, bhi: number): number {
  const [i, j, k] = longestMatch(a, b, alo, ahi, blo, bhi);
  if (k === 0) return 0;
  return k + matchingCharacters(a, b, alo, i, blo, j) + matchingCharacters(a, b, i + k, ahi, j + k, bhi);
}

/** difflib.SequenceMatcher(None, a, b).ratio() on folded texts: 2·M / (|a| + |b|), 0..1. */
export function similarity(a: string, b: string): number {
  const x = foldText(a).slice(0, 600);
  const y = foldText(b).slice(0, 600);
  if (!x.length && !y.length) return 1;
  if (!x.length || !y.length) return 0;
  return (2 * matchingCharacters(x, y, 0, x.length, 0, y.length)) / (x.length + y.length);
}

/** Whether one rule matches this text (conditions are alternatives: any keyword, pattern or example). */
export function matchRule(rule: RuleForTriage, text: string): RuleMatch | null {
  const hasConditions = rule.keywords.length + rule.patterns.length + rule.examples.length > 0;
  if (!hasConditions) return { rule, by: "catch-all", value: null, similarity: null };
  const keyword = rule.keywords.find((k) => keywordIn(text, k));
  if (keyword) return { rule, by: "keyword", value: keyword, similarity: null };
  const pattern = rule.patterns.find((p) => compilePattern(p)?.test(text));
  if (pattern) return { rule, by: "pattern", value: pattern, similarity: null };
  let best: { example: string; score: number } | null = null;
  for (const example of rule.examples) {
    const score = similarity(text, example);
    if (!best || score > best.score) best = { example, score };
  }
  if (best && best.score >= rule.similarityMin) return { rule, by: "example", value: best.example, similarity: Math.round(best.score * 1000) / 1000 };
  return null;
}

/** The first enabled rule for this kind of item and platform that matches, in priority order (lower first). */
export function firstMatchingRule(rules: RuleForTriage[], input: { text: string; target: TriageTargetValue; platform: string }): RuleMatch | null {
  const ordered = rules.filter((r) => r.enabled && r.appliesTo.includes(input.target) && (r.platforms.length === 0 || r.platforms.includes(input.platform)));
  ordered.sort((a, b) => a.priority - b.priority);
  for (const rule of ordered) {
    const m = matchRule(rule, input.text);
    if (m) return m;
  }
  return null;
}

const round = (n: number) => Math.round(n * 1000) / 1000;
const describe = (m: RuleMatch) =>
  m.by === "keyword" ? `keyword "${m.value}"` : m.by === "pattern" ? `pattern /${m.value}/` : m.by === "example" ? `similar (${m.similarity}) to the example "${m.value}"` : "every message";

/**
 * The decision, from the matching rule (if any) and the AI's answer (asked only when needed: `ai`
 * is called lazily). A deny (IGNORE) or escalate rule decides alone. An auto rule answers with its
 * template, or with the AI's reply when the AI's confidence reaches the rule's minimum (else a person
 * answers). Without a rule the AI decides; its AUTO_REPLY needs DEFAULT_AUTO_REPLY_MIN_CONFIDENCE and
 * a reply, else the message is escalated.
 */
export async function decideWithRules(match: RuleMatch | null, ai: () => Promise<AiTriageAnswer>): Promise<TriageOutcome> {
  if (match) {
    const { rule } = match;
    const m = { by: match.by, value: match.value, similarity: match.similarity };
    if (rule.action !== "AUTO_REPLY") {
      return { action: rule.action, confidence: match.similarity ?? 1, reason: `Rule "${rule.name}": ${describe(match)}`, ruleId: rule.id, reply: null, via: "rule", match: m };
    }
    if (rule.replyTemplate && rule.confidenceMin === null) {
      return { action: "AUTO_REPLY", confidence: match.similarity ?? 1, reason: `Rule "${rule.name}": ${describe(match)}, answered with its template`, ruleId: rule.id, reply: rule.replyTemplate, via: "rule", match: m };
    }
    const answer = await ai();
    const min = rule.confidenceMin ?? DEFAULT_AUTO_REPLY_MIN_CONFIDENCE;
    const reply = rule.replyTemplate ?? (answer.action === "AUTO_REPLY" ? answer.reply : null);
    const confidence = round(answer.confidence);
    if (answer.action === "AUTO_REPLY" && reply && confidence >= min) {
      return { action: "AUTO_REPLY", confidence, reason: `Rule "${rule.name}": ${describe(match)}; AI confidence ${confidence} >= ${min}`, ruleId: rule.id, reply, via: "rule+ai", match: m };
    }
    const why = answer.action !== "AUTO_REPLY" ? `the AI would not answer (${answer.reason})` : !reply ? "no reply to send" : `AI confidence ${confidence} < ${min}`;
    return { action: "ESCALATE", confidence, reason: `Rule "${rule.name}": ${describe(match)}; ${why}: a person answers`, ruleId: rule.id, reply: answer.reply, via: "rule+ai", match: m };
  }
  const answer = await ai();
  const confidence = round(answer.confidence);
  if (answer.action === "AUTO_REPLY" && (!answer.reply || confidence < DEFAULT_AUTO_REPLY_MIN_CONFIDENCE)) {
    return { action: "ESCALATE", confidence, reason: `AI: ${answer.reason}; confidence ${confidence} < ${DEFAULT_AUTO_REPLY_MIN_CONFIDENCE}: a person answers`, ruleId: null, reply: answer.reply, via: "ai", match: null };
  }
  return { action: answer.action, confidence, reason: `AI: ${answer.reason}`, ruleId: null, reply: answer.action === "AUTO_REPLY" ? answer.reply : null, via: "ai", match: null };
}
