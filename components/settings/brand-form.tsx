"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type ReactNode, type TextareaHTMLAttributes } from "react";
import { Plus, Trash2 } from "lucide-react";
import { Button } from "@/components/ui/button";
import { FormSaveBar } from "@/components/ui/form-save-bar";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/input";
import { callApi } from "@/lib/api/client";
import { updateBrandEndpoint, type BrandDto } from "@/lib/brands/contracts";
import { BRAND_NETWORKS, type BrandNetwork } from "@/lib/brands/schemas";
import { cn } from "@/lib/utils";

type Product = { id?: string; name: string; description: string };
type Faq = { question: string; answer: string };
type Competitor = { id?: string; name: string; pages: string; countries: string };
type Form = {
  name: string;
  description: string;
  websiteUrl: string;
  voice: string;
  targetAudience: string;
  contentGuidelines: string;
  visualGuidelines: string;
  language: string;
  hashtags: string;
  countries: string;
  defaultNetworks: BrandNetwork[];
  autoApprove: boolean;
  products: Product[];
  faq: Faq[];
  competitors: Competitor[];
};

const list = (s: string) => s.split(/[\s,;]+/).map((x) => x.trim()).filter(Boolean);
const lines = (s: string) => s.split(/\r?\n/).map((x) => x.trim()).filter(Boolean);

function toForm(b: BrandDto): Form {
  return {
    name: b.name,
    description: b.description ?? "",
    websiteUrl: b.websiteUrl ?? "",
    voice: b.voice,
    targetAudience: b.targetAudience,
    contentGuidelines: b.contentGuidelines,
    visualGuidelines: b.visualGuidelines ?? "",
    language: b.language,
    hashtags: b.defaultHashtags.join(" "),
    countries: b.countries.join(", "),
    defaultNetworks: b.defaultNetworks,
    autoApprove: b.autoApprove,
    products: b.products.map((p) => ({ id: p.id, name: p.name, description: p.description })),
    faq: b.faq.map((f) => ({ question: f.question, answer: f.answer })),
    competitors: b.competitors.map((c) => ({ id: c.id, name: c.name, pages: c.pageUrls.join("\n"), countries: c.countries.join(", ") })),
  };
}

function Textarea({ className, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return <textarea className={cn("block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 aria-[invalid=true]:border-red-500", className)} {...props} />;
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card>
      <CardHeader title={title} description={description} />
      <CardBody className="space-y-4">{children}</CardBody>
    </Card>
  );
}

/**
 * One brand's settings. Sends the whole form (the server treats an unchanged auto-approve as no
 * change); errors are shown under the field the server names (e.g. competitors.0.pageUrls.1).
 */
export function BrandForm({ org, brand, canEdit, isOwner }: { org: string; brand: BrandDto; canEdit: boolean; isOwner: boolean }) {
  const t = useTranslations("settings.brands");
  const tc = useTranslations("common");
  const tp = useTranslations("domain.platforms");
  const format = useFormatter();
  const router = useRouter();
  const [form, setForm] = useState<Form>(() => toForm(brand));
  // The history as of the last save (the answer carries it; the server render catches up on refresh).
  const [history, setHistory] = useState(brand.history);
  const save = useMutation({
    mutationFn: (f: Form) =>
      callApi(updateBrandEndpoint, {
        params: { org, id: brand.id },
        body: {
          name: f.name,
          description: f.description.trim() || null,
          websiteUrl: f.websiteUrl.trim() || null,
          voice: f.voice,
          targetAudience: f.targetAudience,
          contentGuidelines: f.contentGuidelines,
          visualGuidelines: f.visualGuidelines.trim() || null,
          language: f.language === "en" ? "en" : "fr",
          defaultHashtags: list(f.hashtags),
          countries: list(f.countries),
          defaultNetworks: f.defaultNetworks,
          ...(isOwner ? { autoApprove: f.autoApprove } : {}),
          products: f.products.map((p) => ({ id: p.id, name: p.name, description: p.description })),
          faq: f.faq.map((q) => ({ question: q.question, answer: q.answer })),
          competitors: f.competitors.map((c) => ({ id: c.id, name: c.name, pageUrls: lines(c.pages), countries: list(c.countries) })),
        },
      }),
    onSuccess: (res) => {
      setForm(toForm(res.brand));
      setHistory(res.brand.history);
      router.refresh();
    },
  });
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const text = (k: "name" | "description" | "websiteUrl" | "voice" | "targetAudience" | "contentGuidelines" | "visualGuidelines" | "hashtags" | "countries") => ({
    id: `brand-${k}`,
    value: form[k],
    disabled: !canEdit,
    "aria-invalid": err(k) ? true : undefined,
    onChange: (e: { target: { value: string } }) => set(k, e.target.value),
  });
  /** The server's message when it names this field or one inside it. */
  function err(prefix: string): string | null {
    const f = save.error?.field;
    // The server's summary reads "countries.1: …": the field is already where the message shows.
    return f && (f === prefix || f.startsWith(`${prefix}.`)) ? save.error!.message.replace(new RegExp(`^${f.replace(/\./g, "\\.")}\\s*:\\s*`), "") : null;
  }
  const setProduct = (i: number, p: Partial<Product>) => set("products", form.products.map((x, j) => (j === i ? { ...x, ...p } : x)));
  const setFaq = (i: number, q: Partial<Faq>) => set("faq", form.faq.map((x, j) => (j === i ? { ...x, ...q } : x)));
  const setCompetitor = (i: number, c: Partial<Competitor>) => set("competitors", form.competitors.map((x, j) => (j === i ? { ...x, ...c } : x)));
  const known = ["name", "description", "websiteUrl", "voice", "targetAudience", "contentGuidelines", "visualGuidelines", "language", "defaultHashtags", "countries", "defaultNetworks", "autoApprove", "products", "faq", "competitors"];
  const unplaced = save.error && !known.some((k) => save.error?.field === k || save.error?.field?.startsWith(`${k}.`)) ? save.error.message : null;

  return (
    <form
      className="min-w-0 space-y-6"
      data-testid="brand-form"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(form);
      }}
    >
      <Section title={t("identityTitle")} description={t("identityDescription")}>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label={t("name")} htmlFor="brand-name" error={err("name")}>
            <Input {...text("name")} required maxLength={80} />
          </Field>
          <Field label={t("websiteUrl")} htmlFor="brand-websiteUrl" error={err("websiteUrl")}>
            <Input {...text("websiteUrl")} type="url" inputMode="url" placeholder="https://" maxLength={500} />
          </Field>
        </div>
        <Field label={t("description")} htmlFor="brand-description" error={err("description")}>
          <Textarea {...text("description")} rows={3} maxLength={1000} />
        </Field>
        <Field label={t("language")} htmlFor="brand-language" hint={t("languageHint")}>
          <Select id="brand-language" value={form.language} disabled={!canEdit} onChange={(e) => set("language", e.target.value)}>
            <option value="fr">Français</option>
            <option value="en">English</option>
          </Select>
        </Field>
      </Section>

      <Section title={t("voiceTitle")} description={t("voiceDescription")}>
        <Field label={t("voice")} htmlFor="brand-voice" error={err("voice")} hint={t("voiceHint")}>
          <Textarea {...text("voice")} rows={4} required maxLength={2000} />
        </Field>
        <Field label={t("targetAudience")} htmlFor="brand-targetAudience" error={err("targetAudience")}>
          <Textarea {...text("targetAudience")} rows={3} required maxLength={2000} />
        </Field>
        <Field label={t("contentGuidelines")} htmlFor="brand-contentGuidelines" error={err("contentGuidelines")} hint={t("contentGuidelinesHint")}>
          <Textarea {...text("contentGuidelines")} rows={6} required maxLength={4000} />
        </Field>
        <Field label={t("visualGuidelines")} htmlFor="brand-visualGuidelines" error={err("visualGuidelines")}>
          <Textarea {...text("visualGuidelines")} rows={2} maxLength={2000} />
        </Field>
      </Section>

      <Section title={t("networksTitle")} description={t("networksDescription")}>
        <fieldset>
          <legend className="mb-2 text-sm font-medium text-slate-700">{t("defaultNetworks")}</legend>
          <div className="flex flex-wrap gap-2" data-testid="brand-networks">
            {BRAND_NETWORKS.map((n) => {
              const on = form.defaultNetworks.includes(n);
              return (
                <label key={n} className={cn("flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm", on ? "border-brand-600 bg-brand-50 text-brand-800" : "border-slate-300 text-slate-700")}>
                  <input type="checkbox" className="h-4 w-4" checked={on} disabled={!canEdit} onChange={() => set("defaultNetworks", on ? form.defaultNetworks.filter((x) => x !== n) : [...form.defaultNetworks, n])} />
                  {tp(n)}
                </label>
              );
            })}
          </div>
          <p className="mt-2 text-xs text-slate-500">{t("defaultNetworksHint")}</p>
          {err("defaultNetworks") ? <p className="mt-1 text-sm text-red-600" role="alert">{err("defaultNetworks")}</p> : null}
        </fieldset>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field label={t("countries")} htmlFor="brand-countries" error={err("countries")} hint={t("countriesHint")}>
            <Input {...text("countries")} placeholder="FR, SN, CI" />
          </Field>
          <Field label={t("hashtags")} htmlFor="brand-hashtags" error={err("defaultHashtags")} hint={t("hashtagsHint")}>
            <Input {...text("hashtags")} placeholder="#Dakar #FaitMain" />
          </Field>
        </div>
      </Section>

      <Section title={t("productsTitle")} description={t("productsDescription")}>
        {form.products.length === 0 ? <p className="text-sm text-slate-500">{t("noProducts")}</p> : null}
        <ul className="space-y-3" data-testid="brand-products">
          {form.products.map((p, i) => (
            <li key={p.id ?? `new-${i}`} className="space-y-2 rounded-lg border border-slate-200 p-3">
              <div className="flex items-end gap-2">
                <div className="min-w-0 flex-1">
                  <Field label={t("productName")} htmlFor={`product-${i}-name`} error={err(`products.${i}`)}>
                    <Input id={`product-${i}-name`} value={p.name} disabled={!canEdit} required maxLength={120} onChange={(e) => setProduct(i, { name: e.target.value })} />
                  </Field>
                </div>
                {canEdit ? (
                  <Button type="button" variant="ghost" aria-label={t("removeProduct", { name: p.name || "—" })} onClick={() => set("products", form.products.filter((_, j) => j !== i))}>
                    <Trash2 className="h-4 w-4" aria-hidden />
                  </Button>
                ) : null}
              </div>
              <Field label={t("productDescription")} htmlFor={`product-${i}-description`}>
                <Textarea id={`product-${i}-description`} rows={2} value={p.description} disabled={!canEdit} maxLength={1000} onChange={(e) => setProduct(i, { description: e.target.value })} />
              </Field>
            </li>
          ))}
        </ul>
        {canEdit ? (
          <Button type="button" variant="secondary" onClick={() => set("products", [...form.products, { name: "", description: "" }])} data-testid="add-product">
            <Plus className="h-4 w-4" aria-hidden /> {t("addProduct")}
          </Button>
        ) : null}
      </Section>

      <Section title={t("faqTitle")} description={t("faqDescription")}>
        {form.faq.length === 0 ? <p className="text-sm text-slate-500">{t("noFaq")}</p> : null}
        <ul className="space-y-3" data-testid="brand-faq">
          {form.faq.map((q, i) => (
            <li key={i} className="space-y-2 rounded-lg border border-slate-200 p-3">
              <div className="flex items-end gap-2">
                <div className="min-w-0 flex-1">
                  <Field label={t("faqQuestion")} htmlFor={`faq-${i}-question`} error={err(`faq.${i}.question`) ?? err(`faq.${i}`)}>
                    <Input id={`faq-${i}-question`} value={q.question} disabled={!canEdit} required maxLength={300} onChange={(e) => setFaq(i, { question: e.target.value })} />
                  </Field>
                </div>
                {canEdit ? (
                  <Button type="button" variant="ghost" aria-label={t("removeFaq", { question: q.question || "—" })} onClick={() => set("faq", form.faq.filter((_, j) => j !== i))}>
                    <Trash2 className="h-4 w-4" aria-hidden />
                  </Button>
                ) : null}
              </div>
              <Field label={t("faqAnswer")} htmlFor={`faq-${i}-answer`} error={err(`faq.${i}.answer`)}>
                <Textarea id={`faq-${i}-answer`} rows={2} value={q.answer} disabled={!canEdit} required maxLength={2000} onChange={(e) => setFaq(i, { answer: e.target.value })} />
              </Field>
            </li>
          ))}
        </ul>
        {canEdit && form.faq.length < 40 ? (
          <Button type="button" variant="secondary" onClick={() => set("faq", [...form.faq, { question: "", answer: "" }])} data-testid="add-faq">
            <Plus className="h-4 w-4" aria-hidden /> {t("addFaq")}
          </Button>
        ) : null}
      </Section>

      <Section title={t("competitorsTitle")} description={t("competitorsDescription")}>
        {form.competitors.length === 0 ? <p className="text-sm text-slate-500">{t("noCompetitors")}</p> : null}
        <ul className="space-y-3" data-testid="brand-competitors">
          {form.competitors.map((c, i) => (
            <li key={c.id ?? `new-${i}`} className="space-y-2 rounded-lg border border-slate-200 p-3">
              <div className="flex items-end gap-2">
                <div className="min-w-0 flex-1">
                  <Field label={t("competitorName")} htmlFor={`competitor-${i}-name`} error={err(`competitors.${i}.name`) ?? err(`competitors.${i}.id`)}>
                    <Input id={`competitor-${i}-name`} value={c.name} disabled={!canEdit} required maxLength={120} onChange={(e) => setCompetitor(i, { name: e.target.value })} />
                  </Field>
                </div>
                {canEdit ? (
                  <Button type="button" variant="ghost" aria-label={t("removeCompetitor", { name: c.name || "—" })} onClick={() => set("competitors", form.competitors.filter((_, j) => j !== i))}>
                    <Trash2 className="h-4 w-4" aria-hidden />
                  </Button>
                ) : null}
              </div>
              <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
                <Field label={t("competitorPages")} htmlFor={`competitor-${i}-pages`} error={err(`competitors.${i}.pageUrls`)} hint={t("competitorPagesHint")}>
                  <Textarea id={`competitor-${i}-pages`} rows={2} value={c.pages} disabled={!canEdit} placeholder="https://" onChange={(e) => setCompetitor(i, { pages: e.target.value })} />
                </Field>
                <Field label={t("competitorCountries")} htmlFor={`competitor-${i}-countries`} error={err(`competitors.${i}.countries`)} hint={t("competitorCountriesHint")}>
                  <Input id={`competitor-${i}-countries`} value={c.countries} disabled={!canEdit} placeholder="SN, CI" onChange={(e) => setCompetitor(i, { countries: e.target.value })} />
                </Field>
              </div>
            </li>
          ))}
        </ul>
        {canEdit ? (
          <Button type="button" variant="secondary" onClick={() => set("competitors", [...form.competitors, { name: "", pages: "", countries: "" }])} data-testid="add-competitor">
            <Plus className="h-4 w-4" aria-hidden /> {t("addCompetitor")}
          </Button>
        ) : null}
      </Section>

      <Section title={t("approvalTitle")} description={t("approvalDescription")}>
        <label className={cn("flex items-start gap-3 text-sm", isOwner ? "cursor-pointer" : "cursor-not-allowed text-slate-500")}>
          <input type="checkbox" className="mt-0.5 h-4 w-4" checked={form.autoApprove} disabled={!isOwner} onChange={(e) => set("autoApprove", e.target.checked)} data-testid="brand-auto-approve" aria-describedby="auto-approve-hint" />
          <span>
            <span className="font-medium text-slate-900">{t("autoApprove")}</span>
            <span id="auto-approve-hint" className="mt-0.5 block text-slate-500">
              {isOwner ? t("autoApproveHint") : t("autoApproveOwnerOnly")}
            </span>
          </span>
        </label>
        {err("autoApprove") ? <p className="text-sm text-red-600" role="alert">{err("autoApprove")}</p> : null}
        <div>
          <h3 className="text-sm font-medium text-slate-700">{t("historyTitle")}</h3>
          {history.length === 0 ? (
            <p className="mt-1 text-sm text-slate-500">{t("historyEmpty")}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100 text-sm" data-testid="brand-history">
              {history.map((h) => (
                <li key={h.id} className="flex flex-wrap justify-between gap-x-4 py-1.5">
                  <span>{t(h.to === true ? "historyOn" : "historyOff", { name: h.actorName ?? t("someone") })}</span>
                  <time className="text-slate-500" dateTime={h.at}>
                    {format.dateTime(new Date(h.at), { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                </li>
              ))}
            </ul>
          )}
        </div>
      </Section>

      {canEdit ? (
        <FormSaveBar sticky label={tc("save")} pending={save.isPending} testId="save-brand" saved={save.isSuccess ? t("saved") : null} error={unplaced ?? (save.error ? t("fixErrors") : null)} />
      ) : (
        <p className="text-sm text-slate-500">{t("readOnly")}</p>
      )}
    </form>
  );
}
