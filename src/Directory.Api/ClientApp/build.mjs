// Bundles the browser front end into ../wwwroot/app with esbuild: everything the pages need is served by the
// service itself (no CDN), so GraphiQL and the dashboard work on a machine without internet access.
// Run by `npm run build`, normally through ClientApp.targets during `dotnet build`.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.resolve(here, "../wwwroot/app");
const production = process.env.NODE_ENV !== "development";

// The dashboard's persisted operations: every /* GraphQL */ template literal in its sources, by the SHA-256 of its
// text. The service trusts these (persisted-operations.json, embedded with the bundles) and the dashboard sends
// their hashes instead of the documents (define below), so GraphQL:PersistedOperations:OnlyPersisted can refuse
// every other document.
async function dashboardOperations() {
  const folder = path.join(here, "src/dashboard");
  const operations = {};
  for (const file of (await readdir(folder, { recursive: true })).filter((f) => f.endsWith(".ts")).sort()) {
    const text = await readFile(path.join(folder, file), "utf8");
    for (const [, raw] of text.matchAll(/\/\* GraphQL \*\/ `([^`]*)`/g)) {
      // The hash is of the string the browser sends: a template literal's value has LF line ends whatever the file
      // has, and escapes or interpolations would make the value differ from the text read here.
      if (raw.includes("${") || raw.includes("\\")) {
        throw new Error(`${file}: a /* GraphQL */ document with an interpolation or escape cannot be persisted`);
      }
      const document = raw.replace(/\r\n?/g, "\n");
      operations[createHash("sha256").update(document, "utf8").digest("hex")] = document;
    }
  }
  return operations;
}
const persistedOperations = await dashboardOperations();

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

const common = {
  bundle: true,
  minify: production,
  // Source maps only for development builds: the production bundles are embedded in the service assembly.
  sourcemap: production ? false : "linked",
  target: ["es2022", "chrome120", "firefox120", "safari17"],
  legalComments: "linked",
  logLevel: "warning",
  define: { "process.env.NODE_ENV": JSON.stringify(production ? "production" : "development") },
  loader: { ".ttf": "file", ".woff": "file", ".woff2": "file", ".svg": "file", ".hexjson": "json" },
  assetNames: "assets/[name]-[hash]",
};

await Promise.all([
  // The dashboard: plain TypeScript modules and Chart.js.
  build({
    ...common,
    entryPoints: { dashboard: "src/dashboard/main.ts" },
    outdir,
    format: "esm",
    define: {
      ...common.define,
      PERSISTED_OPERATION_HASHES: JSON.stringify(
        Object.fromEntries(Object.entries(persistedOperations).map(([hash, document]) => [document, hash]))),
    },
  }),
  // GraphiQL: React, GraphiQL and its CSS (Monaco's styles and icon font are inlined in the CSS).
  build({
    ...common,
    entryPoints: { graphiql: "src/graphiql/main.tsx" },
    outdir,
    format: "esm",
    jsx: "automatic",
  }),
  // Monaco's web workers, one bundle each; src/graphiql/workers.ts hands their URLs to Monaco.
  build({
    ...common,
    entryPoints: {
      "workers/editor": "monaco-editor/esm/vs/editor/editor.worker.js",
      "workers/json": "monaco-editor/esm/vs/language/json/json.worker.js",
      "workers/graphql": "monaco-graphql/esm/graphql.worker.js",
    },
    outdir,
    format: "iife",
  }),
]);

await cp(path.join(here, "public"), outdir, { recursive: true });
// The map's hex cartogram (bundled into dashboard.js) is Open Innovations' MIT-licensed HexJSON: its notice ships
// with the bundles, and the map links to it.
await mkdir(path.join(outdir, "hexmaps"), { recursive: true });
await cp(path.join(here, "../../../data/reference/hexmaps/LICENSE"), path.join(outdir, "hexmaps/LICENSE.txt"));
await writeFile(path.join(outdir, "persisted-operations.json"), JSON.stringify(persistedOperations, null, 2) + "\n");

// MSBuild compares this stamp with the sources to decide whether the bundles are stale (ClientApp.targets).
await writeFile(path.join(outdir, "build-stamp.txt"), `built ${new Date().toISOString()}\n`);
console.log(`client app built into ${path.relative(process.cwd(), outdir)}`);
