import "server-only";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import sharp from "sharp";
import type { Db } from "@/lib/db/client";
import { childLogger } from "@/lib/log";
import { FFMPEG } from "@/lib/media/probe-media";
import { thumbnailKeyOf } from "@/lib/media/media-dto";
import { makeThumbnail } from "@/lib/media/make-thumbnail";
import { probeMedia } from "@/lib/media/probe-media";
import { storage } from "@/lib/providers/storage";

const run = promisify(execFile);

/** Artwork for the demo's images: an earthy gradient with bogolan-like motifs (no text, so no language). */
function artwork(width: number, height: number, palette: [string, string, string]): Buffer {
  const [a, b, c] = palette;
  const motifs = Array.from({ length: 12 }, (_, i) => {
    const x = ((i * 37) % 11) * (width / 10);
    const y = ((i * 53) % 7) * (height / 6);
    const r = Math.round(Math.min(width, height) / (8 + (i % 5)));
    return i % 2 ? `<circle cx="${x}" cy="${y}" r="${r}" fill="none" stroke="${c}" stroke-width="${Math.max(4, r / 6)}" opacity="0.55"/>` : `<rect x="${x}" y="${y}" width="${r * 1.6}" height="${r * 0.5}" fill="${c}" opacity="0.45" transform="rotate(${(i * 17) % 45} ${x} ${y})"/>`;
  }).join("");
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/>${motifs}</svg>`,
  );
}

type DemoFile = { kind: "IMAGE" | "VIDEO" | "AUDIO"; make: (dir: string) => Promise<string> };

/** What each demo asset's file is made of (keyed by the end of its storage key). */
const FILES: Record<string, DemoFile> = {
  "demo_bogolan-atelier.png": {
    kind: "IMAGE",
    make: async (dir) => {
      const p = path.join(dir, "a.png");
      await sharp(artwork(1024, 1024, ["#b45309", "#1e3a8a", "#f5deb3"])).png({ compressionLevel: 9 }).toFile(p);
      return p;
    },
  },
  "demo_hotel-teranga-chambre.jpg": {
    kind: "IMAGE",
    make: async (dir) => {
      const p = path.join(dir, "b.jpg");
      await sharp(artwork(2048, 1365, ["#f5f0e6", "#a16207", "#1f2937"])).jpeg({ quality: 80 }).toFile(p);
      return p;
    },
  },
  "demo_restaurant-reel.mp4": {
    kind: "VIDEO",
    make: async (dir) => {
      const p = path.join(dir, "c.mp4");
      // 6 s, 1080x1920, 30 fps, H.264 + AAC: a slow ochre/indigo sweep with a tone (about 0.4 MB; what the networks accept).
      await run(FFMPEG, ["-v", "error", "-f", "lavfi", "-i", "gradients=size=1080x1920:rate=30:duration=6:c0=0xb45309:c1=0x1e3a8a:c2=0xf5deb3:nb_colors=3:speed=0.03", "-f", "lavfi", "-i", "sine=frequency=440:duration=6", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "32", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-movflags", "+faststart", "-shortest", "-y", p], { timeout: 60_000 });
      return p;
    },
  },
  "demo_note-vocale-fondatrice.m4a": {
    kind: "AUDIO",
    make: async (dir) => {
      const p = path.join(dir, "d.m4a");
      await run(FFMPEG, ["-v", "error", "-f", "lavfi", "-i", "sine=frequency=220:duration=5", "-c:a", "aac", "-b:a", "64k", "-y", p], { timeout: 30_000 });
      return p;
    },
  },
};

/**
 * The demo's media as real files in storage (the seed's rows alone answered 404 for every thumbnail
 * and for the video): generated with sharp (images) and ffmpeg (video, voice note), stored under the
 * rows' keys with their thumbnails, and the rows' size, checksum and duration set to the files' own.
 * Idempotent (an object already stored is left alone) and never fatal: a missing ffmpeg leaves
 * that one file out, logged.
 */
export async function ensureDemoMediaFiles(db: Db, organizationId: string): Promise<{ written: number }> {
  const log = childLogger({ module: "demo-media" });
  const rows = await db.mediaAsset.findMany({ where: { organizationId, storageKey: { contains: "/originals/demo_" } }, select: { id: true, storageKey: true } });
  const dir = await mkdtemp(path.join(tmpdir(), "me-demo-media-"));
  let written = 0;
  try {
    for (const row of rows) {
      const spec = FILES[row.storageKey.slice(row.storageKey.lastIndexOf("/") + 1)];
      if (!spec || (await storage().head(row.storageKey))) continue;
      try {
        const file = await spec.make(dir);
        const bytes = await readFile(file);
        const probe = await probeMedia(file);
        await storage().put(row.storageKey, bytes, { contentType: probe.mimeType });
        const thumb = spec.kind === "AUDIO" ? null : await makeThumbnail({ path: file, probe });
        if (thumb) await storage().put(thumbnailKeyOf(row.storageKey), thumb, { contentType: "image/webp" });
        await db.mediaAsset.update({
          where: { id: row.id },
          data: {
            sizeBytes: bytes.length,
            checksumSha256: createHash("sha256").update(bytes).digest("hex"),
            ...(probe.width ? { width: probe.width, height: probe.height } : {}),
            ...(probe.durationMs ? { durationMs: probe.durationMs } : {}),
            ...(probe.bitrateKbps ? { bitrateKbps: probe.bitrateKbps } : {}),
          },
        });
        written++;
      } catch (err) {
        log.warn({ err, storageKey: row.storageKey }, "demo media file not written");
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return { written };
}
