import { sendEmail } from "@/lib/providers/email";

/** The sign-in link email (bilingual: the recipient may not have chosen a language yet). */
export async function sendMagicLinkEmail(opts: { email: string; url: string; expires: Date }): Promise<void> {
  const minutes = Math.max(1, Math.round((opts.expires.getTime() - Date.now()) / 60000));
  await sendEmail({
    to: opts.email,
    subject: "Votre lien de connexion MarketingEngine / Your sign-in link",
    text: `Connectez-vous à MarketingEngine : ${opts.url}\nCe lien expire dans ${minutes} minutes et ne sert qu'une fois.\n\nSign in to MarketingEngine: ${opts.url}\nThis link expires in ${minutes} minutes and works once.`,
    html: `<p>Connectez-vous à MarketingEngine&nbsp;: <a href="${opts.url}">se connecter</a><br>Ce lien expire dans ${minutes} minutes et ne sert qu'une fois.</p><p>Sign in to MarketingEngine: <a href="${opts.url}">sign in</a><br>This link expires in ${minutes} minutes and works once.</p>`,
    category: "transactional",
  });
}
