import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { AppError } from "@/lib/errors";
import { readImageHeader } from "./probe-image";

const run = promisify(execFile);

/**
 * What we know about a media file, from its bytes (never from the client's declared type):
 * images from their header read by sharp (lib/media/probe-image), video and audio from ffprobe (Debian package
 * `ffmpeg`; the binary is looked up on PATH). Unknown formats -> 415.
 */
export type ProbeResult = {
  kind: "IMAGE" | "VIDEO" | "AUDIO";
  mimeType: string;
  /** ffprobe's format name, e.g. "mov,mp4,m4a,3gp,3g2,mj2" / "matroska,webm", or the image type. */
  container: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  bitrateKbps: number | null;
  codec: string | null;
  audioCodec: string | null;
  frameRate: number | null;
};

export const FFPROBE = "ffprobe";
export const FFMPEG = "ffmpeg";

type FfprobeJson = {
  format?: { format_name?: string; duration?: string; bit_rate?: string };
  streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number; avg_frame_rate?: string; r_frame_rate?: string; duration?: string; bit_rate?: string; disposition?: { attached_pic?: number } }[];
};

function rate(r: string | undefined): number | null {
  if (!r) return null;
  const [a, b] = r.split("/").map(Number);
  if (!a || !b) return null;
  return Math.round((a / b) * 1000) / 1000;
}

function mimeOf(format: string, hasVideo: boolean): string {
  if (format.includes("webm") || format.includes("matroska")) return hasVideo ? "video/webm" : "audio/webm";
  if (format.includes("mp4") || format.includes("mov")) return hasVideo ? "video/mp4" : "audio/mp4";
  if (format === "mp3") return "audio/mpeg";
  if (format === "ogg") return "audio/ogg";
  if (format === "wav") return "audio/wav";
  return hasVideo ? "video/octet-stream" : "audio/octet-stream";
}

/** Run ffprobe on a file; without the prober the file's type cannot be probed: 415 with that reason (never a 500). */
export async function ffprobe(path: string): Promise<FfprobeJson | null> {
  try {
    const { stdout } = await run(FFPROBE, ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path], { timeout: 30_000, maxBuffer: 4 * 1024 * 1024 });
    return JSON.parse(stdout) as FfprobeJson;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new AppError("unsupported_media_type", "media.proberMissing", { field: "file" });
    return null; // ffprobe ran and could not read the file: not a media file it knows
  }
}

export async function probeMedia(path: string): Promise<ProbeResult> {
  const image = await readImageHeader(path);
  if (image) {
    return { kind: "IMAGE", mimeType: image.mimeType, container: image.mimeType.slice(6), width: image.width, height: image.height, durationMs: null, bitrateKbps: null, codec: image.mimeType.slice(6), audioCodec: null, frameRate: null };
  }
  const info = await ffprobe(path);
  const streams = info?.streams ?? [];
  const video = streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === "audio");
  const format = info?.format?.format_name ?? "";
  if (!info || (!video && !audio) || format.startsWith("image2") || format.endsWith("_pipe")) {
    throw new AppError("unsupported_media_type", "media.unsupported", { field: "file" });
  }
  const duration = Number(info.format?.duration ?? video?.duration ?? audio?.duration);
  const bitRate = Number(info.format?.bit_rate ?? video?.bit_rate);
  return {
    kind: video ? "VIDEO" : "AUDIO",
    mimeType: mimeOf(format, !!video),
    container: format,
    width: video?.width ?? null,
    height: video?.height ?? null,
    durationMs: Number.isFinite(duration) ? Math.round(duration * 1000) : null,
    bitrateKbps: Number.isFinite(bitRate) && bitRate > 0 ? Math.round(bitRate / 1000) : null,
    codec: video?.codec_name ?? audio?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    frameRate: rate(video?.avg_frame_rate) ?? rate(video?.r_frame_rate),
  };
}
