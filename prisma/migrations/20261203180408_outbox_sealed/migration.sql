-- AlterTable
ALTER TABLE "outbox_emails" ADD COLUMN     "sealed" TEXT;


-- Issue 10, row 8: mail already stored with bearer links (one-click approvals, invitations, sign-in links)
-- keeps them no longer; what was sent cannot be sealed after the fact, so those links are hidden for good.
UPDATE "outbox_emails" SET
  "text" = regexp_replace("text", 'https?://[^[:space:]"<>]*/(approve|invite|api/auth/callback)/[^[:space:]"<>]*', '[[link-hidden]]', 'g'),
  "html" = regexp_replace("html", 'https?://[^[:space:]"<>]*/(approve|invite|api/auth/callback)/[^[:space:]"<>]*', '[[link-hidden]]', 'g')
WHERE "text" ~ '/(approve|invite|api/auth/callback)/' OR "html" ~ '/(approve|invite|api/auth/callback)/';
