// Monaco (GraphiQL's editor) runs its language services in web workers. The bundler does not resolve Vite's
// `?worker` imports, so build.mjs bundles each worker separately and this maps Monaco's labels to those files.
// This module must be imported before GraphiQL creates an editor.
type MonacoEnvironment = { getWorker(workerId: string, label: string): Worker };

const workerFile: Record<string, string> = { graphql: "graphql", json: "json" };

(globalThis as unknown as { MonacoEnvironment: MonacoEnvironment }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    const name = workerFile[label] ?? "editor";
    return new Worker(new URL(`workers/${name}.js`, import.meta.url), { name: `monaco-${name}` });
  },
};
