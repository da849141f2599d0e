import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { loadSharp } from "./sharp";
import { childLogger } from "@/lib/log";
import { FFMPEG, type ProbeResult } from "./probe-media";

const run = promisify(execFile);
export const THUMBNAIL_SIZE = 320;

/**
 * A 320 px WebP thumbnail: images through sharp; videos from one frame grabbed by ffmpeg (at 1 s, or
 * the middle of shorter clips). Null (the UI shows a placeholder) for audio, or when the frame cannot
 * be extracted (ffmpeg missing, undecodable stream): a thumbnail never blocks an upload.
 */
export async function makeThumbnail(opts: { path: string; probe: ProbeResult }): Promise<Buffer | null> {
  const log = childLogger({ module: "media-thumbnail" });
  try {
    let source: Buffer | string;
    if (opts.probe.kind === "IMAGE") source = opts.path;
    else if (opts.probe.kind === "VIDEO") {
      const at = Math.min(1, (opts.probe.durationMs ?? 0) / 2000);
      const { stdout } = await run(FFMPEG, ["-v", "error", "-ss", at.toFixed(3), "-i", opts.path, "-frames:v", "1", "-f", "image2pipe", "-vcodec", "png", "-"], {
        encoding: "buffer",
        timeout: 30_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      if (!stdout.length) return null;
      source = stdout;
    } else return null;
    const sharp = await loadSharp();
    return await sharp(source, { animated: false }).rotate().resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
  } catch (err) {
    log.warn({ err }, "thumbnail skipped");
    return null;
  }
}
