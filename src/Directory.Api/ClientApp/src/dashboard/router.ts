// Hash routing (#/, #/organisation/E06000001, #/contacts?search=...): the service serves one page at `/`, and
// every view is linkable and works with the browser's back button.
export interface Route {
  /** The path segments after `#/`, decoded. */
  segments: string[];
  params: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = window.location.hash.replace(/^#\/?/, "");
  const [path = "", query = ""] = hash.split("?", 2);
  return {
    segments: path.split("/").filter((s) => s.length > 0).map((s) => decodeURIComponent(s)),
    params: new URLSearchParams(query),
  };
}
