import { compile, type HtmlToTextOptions } from "html-to-text";

/**
 * Readable text from outsider HTML with the maintained `html-to-text` converter (a real HTML parser,
 * entities decoded by `entities`): pages fetched for URL ideas, and any markup inside text written
 * by outsiders before a model sees it (see stripMarkup and the AI gateway's data blocks).
 */
export type ReadablePage = { title: string | null; description: string | null; text: string };

/** What never carries the page's words: code, navigation, forms, media. */
const SKIPPED = ["script", "style", "noscript", "svg", "template", "iframe", "head", "nav", "footer", "form", "aside", "button", "select", "img", "video", "audio", "object", "canvas"];

const BASE: HtmlToTextOptions = {
  wordwrap: false,
  selectors: [
    ...SKIPPED.map((selector) => ({ selector, format: "skip" })),
    // Links keep their words, not their addresses (a model would copy the URLs into a post).
    { selector: "a", options: { ignoreHref: true } },
    ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({ selector, options: { uppercase: false, leadingLineBreaks: 1, trailingLineBreaks: 1 } })),
    { selector: "p", options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: "ul", options: { itemPrefix: "- ", leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: "ol", options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
    { selector: "table", format: "dataTable", options: { uppercaseHeaderCells: false } },
    { selector: "hr", format: "skip" },
  ],
};

const converters = {
  article: compile({ ...BASE, baseElements: { selectors: ["article"], returnDomByDefault: false } }),
  main: compile({ ...BASE, baseElements: { selectors: ["main"], returnDomByDefault: false } }),
  body: compile({ ...BASE, baseElements: { selectors: ["body"], returnDomByDefault: true } }),
  title: compile({ wordwrap: false, baseElements: { selectors: ["title"], returnDomByDefault: false } }),
  fragment: compile(BASE),
};

const tidy = (text: string) =>
  text
    .split("\n")
    .map((l) => l.replace(/[ \t\f\v\u00a0]+/g, " ").trim())
    .filter((l, i, all) => l.length > 0 || (i > 0 && all[i - 1]!.trim().length > 0))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();

/** The content attribute of the page's description meta tag (og:description too), entities decoded. */
function metaDescription(html: string): string | null {
  for (const tag of html.match(/<meta\b[^>]*>/gi) ?? []) {
    if (!/(name|property)\s*=\s*["']?(description|og:description)["']?/i.test(tag)) continue;
    const m = /content\s*=\s*("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    const raw = m ? (m[2] ?? m[3] ?? m[4] ?? "") : "";
    return tidy(converters.fragment(raw.replace(/</g, "&lt;"))) || null;
  }
  return null;
}

/** A page: its title, description and main text (<article>, else <main> when it holds the words, else <body>). */
export function htmlToText(html: string): ReadablePage {
  const article = tidy(converters.article(html));
  const main = article.length > 200 ? article : tidy(converters.main(html));
  const text = main.length > 200 ? main : tidy(converters.body(html));
  return { title: tidy(converters.title(html)) || null, description: metaDescription(html), text };
}

const LOOKS_LIKE_HTML = /<\/?[a-z][\w-]*(\s[^<>]*)?\/?>|<!--|&(#\d+|#x[0-9a-f]+|[a-z]+);/i;

/**
 * Outsider text without its markup: HTML tags and entities (pasted from a CMS or an email), then
 * Markdown emphasis, headings, links and images. Plain text passes unchanged.
 */
export function stripMarkup(text: string): string {
  let out = LOOKS_LIKE_HTML.test(text) ? tidy(converters.fragment(text)) : text;
  out = out
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1") // ![alt](src)
    .replace(/\[([^\]]+)\]\((?:https?:|mailto:|\/)[^)]*\)/g, "$1") // [words](url)
    .replace(/^#{1,6}\s+/gm, "") // # heading
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2") // **bold**
    .replace(/(^|[\s(])([*_])(?=\S)([^*_\n]*?\S)\2(?=[\s).,;:!?]|$)/gm, "$1$3") // *italic*
    .replace(/^```[^\n]*\n?|^```$/gm, "") // code fences
    .replace(/`([^`\n]+)`/g, "$1");
  return out;
}
