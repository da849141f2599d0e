import { describe, expect, it } from "vitest";
import { buildUserMessage, cleanOutsiderData } from "@/lib/providers/ai/prompt";
import { stripMarkup } from "@/lib/text/html-to-text";

describe("outsider text reaches models without markup (html-to-text)", () => {
  it("HTML pasted into an idea: tags, scripts and entities go, words and list items stay", () => {
    const html = `<div class="x"><h2>Nos <b>nouveaux</b> paniers</h2><p>Raphia &amp; cuir, faits main à Ségou.</p><ul><li>Livraison 48 h</li><li>Retours gratuits</li></ul><a href="https://boutique.example/p">Voir la boutique</a><script>alert(1)</script><img src="x.png" alt="photo"></div>`;
    const text = stripMarkup(html);
    expect(text).toBe("Nos nouveaux paniers\nRaphia & cuir, faits main à Ségou.\n- Livraison 48 h\n- Retours gratuits\nVoir la boutique");
  });

  it("Markdown emphasis, headings and links lose their marks; plain text and arithmetic pass unchanged", () => {
    expect(stripMarkup("## Lancement\nDu **nouveau** chez *nous* : [la collection](https://a.example/c) et `promo`.")).toBe("Lancement\nDu nouveau chez nous : la collection et promo.");
    const plain = "Prix : 5 * 3 = 15 €, code promo SOLDE_ETE, a < b quand b > a.";
    expect(stripMarkup(plain)).toBe(plain);
  });

  it("the gateway cleans every string of `data`, nested ones too, before building the prompt", () => {
    const data = cleanOutsiderData({ idea: "<p>Atelier <em>bogolan</em></p>", research: { keyPoints: ["<b>teinture</b> à la boue"] }, count: 3 });
    expect(data).toEqual({ idea: "Atelier bogolan", research: { keyPoints: ["teinture à la boue"] }, count: 3 });
    expect(buildUserMessage("Écris un post.", data)).not.toMatch(/<(p|em|b)>/);
  });
});
