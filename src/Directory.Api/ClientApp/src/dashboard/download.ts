import { h } from "./dom";

// Files the dashboard makes in the browser (a chart's CSV or PNG) and files the service sends (exports) are saved
// the same way: an object URL clicked through a hidden link, released once the browser has taken the file.

/** Saves a blob under a file name, as the browser's download. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll("\"", "\"\"")}"` : value;
}

/** RFC 4180 text with CRLF line ends, as spreadsheet programs expect. */
export function csvText(rows: string[][]): string {
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

/**
 * The rows of a rendered table as CSV: its column headers, then each cell's exact value (`data-value`, which holds
 * what the API returned) or, where a cell has none, its text. So the file is the table the reader sees, unrounded.
 */
export function tableCsv(table: HTMLTableElement): string {
  const header = [...table.tHead?.rows[0]?.cells ?? []].map((cell) => cell.textContent?.trim() ?? "");
  const body = [...table.tBodies].flatMap((section) => [...section.rows]).map((row) =>
    [...row.cells].map((cell) => cell.dataset["value"] ?? cell.textContent?.trim() ?? ""));
  return csvText([header, ...body]);
}

/** A PNG of a chart's canvas on a white background (the canvas itself is transparent). */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  const copy = document.createElement("canvas");
  copy.width = canvas.width;
  copy.height = canvas.height;
  const context = copy.getContext("2d");
  if (context) {
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(canvas, 0, 0);
  }
  return new Promise((resolve, reject) =>
    copy.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("The chart could not be drawn as PNG."))), "image/png"));
}

/** "Download CSV" and "Download PNG" buttons for one chart and its table; the file names start with `name`. */
export function chartDownloads(name: string, title: string, canvas: HTMLCanvasElement, table: () => HTMLTableElement | null): HTMLElement {
  const hidden = (text: string) => h("span", { class: "visually-hidden" }, text);
  const csv = h("button", { type: "button", class: "secondary", "data-download": "csv" }, "Download CSV", hidden(` of ${title}`));
  const png = h("button", { type: "button", class: "secondary", "data-download": "png" }, "Download PNG", hidden(` of ${title}`));
  const status = h("span", { class: "hint", role: "status" });
  csv.addEventListener("click", () => {
    const element = table();
    if (!element) return;
    saveBlob(new Blob([tableCsv(element)], { type: "text/csv;charset=utf-8" }), `${name}.csv`);
    status.textContent = `Downloaded ${name}.csv.`;
  });
  png.addEventListener("click", () => {
    canvasPng(canvas).then((blob) => {
      saveBlob(blob, `${name}.png`);
      status.textContent = `Downloaded ${name}.png.`;
    }, (error: unknown) => {
      status.textContent = error instanceof Error ? error.message : String(error);
    });
  });
  return h("div", { class: "downloads" }, csv, png, status);
}
