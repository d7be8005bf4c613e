// esbuild bundles CSS imported from TypeScript; the type checker only needs to know such imports exist.
declare module "*.css";

// The dashboard's persisted operations, document -> SHA-256 hash, written in by build.mjs (esbuild define).
declare const PERSISTED_OPERATION_HASHES: Readonly<Record<string, string>>;

// HexJSON cartograms (data/reference/hexmaps), bundled as JSON by esbuild.
declare module "*.hexjson" {
  const hexjson: { layout: string; hexes: Record<string, { n: string; q: number; r: number }> };
  export default hexjson;
}
