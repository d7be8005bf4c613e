// esbuild bundles CSS imported from TypeScript; the type checker only needs to know such imports exist.
declare module "*.css";
