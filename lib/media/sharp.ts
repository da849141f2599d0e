/**
 * sharp (libvips, a native addon) loaded on first use rather than when a module importing it is
 * loaded: every process of the app reaches the image code through the AI gateway, and loading the
 * addon cost ~0.3 s of each start (a worker's restart: tests/integration/faults) even when no image
 * is ever touched. Same module, same options; `sharp.strategy` and the other statics are on it.
 */
import type sharp from "sharp";

type SharpModule = typeof sharp;
let loaded: Promise<SharpModule> | undefined;

export function loadSharp(): Promise<SharpModule> {
  return (loaded ??= import("sharp").then((m) => m.default));
}
