import { now } from "@/lib/runtime/clock";

/**
 * "Now" as the workflow engine counts it, for a step that computes when to sleep until (a send
 * window, a local hour): the wall clock in production; with the embedded executor in tests, the
 * executor's clock, which tests move forward to cross durable sleeps.
 */
export const workflowNow = (): Date => now();
