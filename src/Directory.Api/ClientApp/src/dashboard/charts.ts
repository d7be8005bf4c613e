import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";
import { h, uniqueId, type Child } from "./dom";
import { chartDownloads } from "./download";

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

// Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics), distinguishable in greyscale order.
/**
 * Outcomes (a response / a partial answer / none): blue against orange, safe for colour-blind readers, never red beside
 * green; the two blues differ in lightness and all three reach 3:1 against white.
 */
export const outcomeColours = { good: "#08519c", partial: "#5b8fc9", bad: "#b35806" };

export const palette = ["#1d70b8", "#d4351c", "#00703c", "#4c2c92", "#b58840", "#28a197", "#6f72af", "#505a5f"];

export interface Column<Row> {
  header: string;
  /** The text shown. */
  cell: (row: Row) => Child;
  /** The exact value behind the cell, kept in data-value for tests and for anyone copying the table. */
  value?: (row: Row) => string | number | null | undefined;
  numeric?: boolean;
  /** The first column labels its row (`<th scope="row">`). */
  rowHeader?: boolean;
}

export interface Series {
  label: string;
  values: number[];
}

export interface ChartWithTableOptions<Row> {
  /** A stable name used for element ids and test hooks, e.g. `coverage`. */
  name: string;
  title: string;
  description?: string;
  labels: string[];
  series: Series[];
  rows: Row[];
  columns: Column<Row>[];
  horizontal?: boolean;
  stacked?: boolean;
  /** Axis title of the values. */
  valueLabel: string;
  /** One colour per series, where the series have a meaning of their own (the default palette otherwise). */
  colours?: string[];
  footer?: Child;
}

const charts = new Set<Chart>();

/** Destroys the charts of the previous view, so Chart.js releases its canvases and listeners. */
export function destroyCharts(): void {
  for (const chart of charts) chart.destroy();
  charts.clear();
}

/**
 * A section with a bar chart, its "Download CSV" and "Download PNG" buttons and, under it, a table holding the same
 * numbers. The chart is an image with a text summary for assistive technology; the table is the accessible (and
 * exact) alternative, and the CSV is that table.
 */
export function chartWithTable<Row>(options: ChartWithTableOptions<Row>): HTMLElement {
  const headingId = uniqueId(`${options.name}-heading`);
  const canvas = h("canvas", {
    role: "img",
    "aria-label": summarise(options),
    "data-chart": options.name,
    // The series' colours, in order, for checks of the palette (the canvas itself is opaque to tests).
    "data-series-colours": options.series.map((_, index) => seriesColour(options, index)).join(" "),
  });
  const empty = options.rows.length === 0;
  const table = empty ? null : dataTable(options.title, options.rows, options.columns, options.name);
  const section = h(
    "section",
    { class: "panel", "aria-labelledby": headingId, "data-section": options.name },
    h("h2", { id: headingId }, options.title),
    options.description ? h("p", { class: "hint" }, options.description) : null,
    empty
      ? h("p", { class: "empty" }, "No answers for this selection.")
      : h(
          "div",
          { class: "chart-and-table" },
          h("figure", { class: "chart" }, h("div", {
            class: "chart-box",
            // Horizontal bars get a height that grows with the number of bars, so labels stay readable.
            "data-rows": options.horizontal ? options.labels.length : null,
            style: options.horizontal ? `--rows: ${options.labels.length * Math.max(1, options.stacked ? 1 : options.series.length)}` : null,
          }, canvas)),
          chartDownloads(options.name, options.title, canvas, () => table?.querySelector("table") ?? null),
          table,
        ),
    options.footer ?? null,
  );
  if (!empty) {
    // Chart.js measures its container, so the chart is created once the section is in the document.
    queueMicrotask(() => {
      if (canvas.isConnected) charts.add(new Chart(canvas, chartConfiguration(options)));
    });
  }
  return section;
}

function chartConfiguration<Row>(options: ChartWithTableOptions<Row>): ChartConfiguration<"bar"> {
  return {
    type: "bar",
    data: {
      labels: options.labels,
      datasets: options.series.map((series, index) => ({
        label: series.label,
        data: series.values,
        backgroundColor: seriesColour(options, index),
        borderColor: "#0b0c0c",
        borderWidth: 0,
        maxBarThickness: 36,
      })),
    },
    options: {
      indexAxis: options.horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: options.series.length > 1, labels: { color: "#0b0c0c" } },
        tooltip: { enabled: true },
      },
      scales: {
        [options.horizontal ? "x" : "y"]: {
          stacked: options.stacked ?? false,
          beginAtZero: true,
          title: { display: true, text: options.valueLabel, color: "#0b0c0c" },
          ticks: { color: "#0b0c0c" },
        },
        [options.horizontal ? "y" : "x"]: {
          stacked: options.stacked ?? false,
          ticks: { color: "#0b0c0c", autoSkip: false },
        },
      },
    },
  };
}

function seriesColour<Row>(options: ChartWithTableOptions<Row>, index: number): string {
  return options.colours?.[index] ?? palette[index % palette.length]!;
}

function summarise<Row>(options: ChartWithTableOptions<Row>): string {
  const parts = options.labels.map((label, i) =>
    `${label}: ${options.series.map((s) => `${options.series.length > 1 ? `${s.label} ` : ""}${s.values[i]}`).join(", ")}`);
  return `Bar chart, ${options.title}. ${parts.join("; ")}. The table under the chart has the same numbers.`;
}

/** A table with a caption, column headers and row headers; scrolls inside its own box on narrow screens. */
export function dataTable<Row>(caption: string, rows: Row[], columns: Column<Row>[], name?: string): HTMLElement {
  const captionId = uniqueId("caption");
  const table = h(
    "table",
    { "data-table": name ?? null },
    h("caption", { id: captionId }, caption),
    h("thead", {}, h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.numeric ? "num" : null }, c.header)))),
    h(
      "tbody",
      {},
      rows.map((row) =>
        h(
          "tr",
          {},
          columns.map((c) => {
            const exact = c.value ? c.value(row) : null;
            const attributes = {
              class: c.numeric ? "num" : null,
              "data-value": exact === null || exact === undefined ? null : String(exact),
              "data-column": c.header,
            };
            return c.rowHeader
              ? h("th", { ...attributes, scope: "row" }, c.cell(row))
              : h("td", attributes, c.cell(row));
          }),
        ),
      ),
    ),
  );
  // A focusable, labelled scroll region lets keyboard users scroll a wide table at phone width.
  return h("div", { class: "table-scroll", role: "region", tabindex: 0, "aria-labelledby": captionId }, table);
}
