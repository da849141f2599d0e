import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * Layer boundaries (ARCHITECTURE.md "Layers"): each allowed direction is a lint error, checked on the
 * resolved file of every import, type-only ones included. tests/integration/lint/boundaries.test.ts
 * lints a deliberate cross-boundary import for each rule and expects it to fail.
 */
/** Modules that import nothing server-side (only zod, each other and Prisma's generated enums): client code may use them. */
const SHARED = ["**/lib/content/platform-rules.ts", "**/lib/connectors/capabilities.ts", "**/lib/**/contracts.ts", "**/lib/**/schemas.ts", "**/lib/**/types.ts", "**/lib/api/endpoint.ts", "**/lib/api/client.ts", "**/lib/utils.ts", "**/lib/db/generated/enums.ts"];
/** Business domains: connectors (vendor adapters) never depend on them. */
const DOMAINS = ["ads", "agents", "analytics", "api", "approvals", "auth", "content", "demo", "inbox", "jobs", "leads", "live", "media", "notifications", "orgs", "publishing", "scenarios", "warroom", "workflows"];

export const BOUNDARY_ZONES = [
  {
    target: "./components",
    from: ["./lib/**", "./inngest/**", "./app/**"],
    // Server actions ("use server" files) reach the browser as references, not as code.
    except: [...SHARED, "**/lib/publishing/timeline.ts", "**/app/**/actions.ts"],
    message:
      "Components run in the browser: import contracts (lib/<domain>/contracts.ts), schemas, types, lib/api/client and server actions only, never server modules (database, settings, use cases). The timeline catalogue is the one shared exception.",
  },
  {
    target: "./app/!(api)/**",
    from: ["./lib/db/**"],
    except: ["**/lib/db/generated/enums.ts"],
    message: "Pages read through lib/<domain> use cases, never the database client.",
  },
  {
    target: SHARED.map((g) => `./${g.replace(/^\*\*\//, "")}`),
    from: ["./lib/**", "./inngest/**", "./app/**", "./components/**"],
    except: SHARED,
    message: "Contracts, schemas and types are imported by client code: they may import only zod, other contracts/schemas/types and lib/db/generated/enums.",
  },
  {
    target: "./lib/connectors",
    from: [...DOMAINS.map((d) => `./lib/${d}/**`), "./app/**", "./inngest/**", "./components/**"],
    message: "Connectors adapt vendors for the domains; they never import a domain module (pass what they need in the call or the ConnectorContext).",
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["node_modules/**", ".next/**", ".data/**", "lib/db/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.object.name='process'][object.property.name='env']",
          message: "Read settings through lib/env.ts (env()), never process.env directly.",
        },
      ],
      "import/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones: BOUNDARY_ZONES }],
    },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[object.object.name='process'][object.property.name='env']",
          message: "Read settings through lib/env.ts (env()), never process.env directly.",
        },
        {
          selector: "Literal[value=/^\\/api\\//], TemplateElement[value.raw=/^\\/api\\//]",
          message: "No literal API URLs in components: call the endpoint's contract with callApi() (lib/api/client.ts).",
        },
      ],
    },
  },
  {
    files: SHARED.map((g) => g.replace(/^\*\*\//, "")),
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["server-only", "pg", "@prisma/client", "next/server", "next/headers"],
          patterns: [{ group: ["node:*"], message: "Shared modules run in the browser too." }],
        },
      ],
    },
  },
  {
    // lib/runtime is a module of its own (issue 11): the app hands it the database, secrets, logger and
    // tenant extractor when it starts (lib/workflows). ARCHITECTURE.md, "Layers".
    files: ["lib/runtime/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/*", "../*"], message: "lib/runtime never imports the app: take what it needs as a parameter when it starts." }] },
      ],
    },
  },
  {
    files: ["lib/env.ts", "instrumentation.ts", "scripts/**", "tests/**", "next.config.ts", "playwright.config.ts", "prisma.config.ts", "vitest.config.ts", "lib/i18n/messages.ts"],
    rules: { "no-restricted-syntax": "off" },
  },
];

export default config;
