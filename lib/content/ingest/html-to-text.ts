/**
 * Readable text from an HTML page, without a DOM: drop scripts, styles, navigation and forms, prefer
 * <article> / <main> when present, turn block elements into line breaks, decode entities.
 */
export type ReadablePage = { title: string | null; description: string | null; text: string };

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", eacute: "é", egrave: "è", ecirc: "ê", agrave: "à", acirc: "â", ccedil: "ç", ocirc: "ô", ucirc: "û", ugrave: "ù", icirc: "î", iuml: "ï", euml: "ë", laquo: "«", raquo: "»", rsquo: "’", lsquo: "‘", rdquo: "”", ldquo: "“", hellip: "…", ndash: "–", mdash: "—", oelig: "œ", copy: "©", eur: "€" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

function clean(s: string): string {
  return decodeEntities(s.replace(/<[^>]*>/g, " "))
    .replace(/[ \t\f\v\u00a0]+/g, " ")
    .trim();
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`${name}\\s*=\\s*("([^"]*)"|'([^']*)'|([^\\s>]+))`, "i").exec(tag);
  return m ? (m[2] ?? m[3] ?? m[4] ?? null) : null;
}

export function htmlToText(html: string): ReadablePage {
  const titleMatch = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
  const metaTags = html.match(/<meta\b[^>]*>/gi) ?? [];
  const descTag = metaTags.find((t) => /(name|property)\s*=\s*["']?(description|og:description)["']?/i.test(t));
  let body = html
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<(script|style|noscript|svg|template|iframe|head|nav|footer|form|aside|button|select)\b[\s\S]*?<\/\1\s*>/gi, " ");
  const main = /<article\b[^>]*>([\s\S]*?)<\/article>/i.exec(body) ?? /<main\b[^>]*>([\s\S]*?)<\/main>/i.exec(body);
  if (main && clean(main[1]!).length > 200) body = main[1]!;
  const text = body
    .replace(/<(br|hr)\b[^>]*>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "\n- ")
    .replace(/<\/?(p|div|section|article|main|header|h[1-6]|ul|ol|table|tr|blockquote|pre|figure|figcaption|dd|dt)\b[^>]*>/gi, "\n")
    .split("\n")
    .map(clean)
    .filter((l) => l.length > 0 && l !== "-")
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
  return {
    title: titleMatch ? clean(titleMatch[1]!) || null : null,
    description: descTag ? clean(attr(descTag, "content") ?? "") || null : null,
    text,
  };
}
