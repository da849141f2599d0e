/** Resolve hook: "server-only" with the react-server condition, i.e. its no-op build (see server-only-loader.mjs). */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === "server-only") return nextResolve(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return nextResolve(specifier, context);
}
