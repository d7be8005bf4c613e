// Display helpers. Tables show the API's numbers; percentages and FTE are shown to at most two decimals, with the
// exact value from the API kept in the cell's data-value attribute (and title) so nothing is silently lost.

const labelOverrides: Record<string, string> = {
  LOCAL_AUTHORITY: "Local authorities",
  PCC: "Police and Crime Commissioners",
  CCG: "Clinical Commissioning Groups",
  ICB: "Integrated Care Boards",
  DVA: "Domestic violence and abuse team",
  MARACS: "MARACs",
  MATACS_PERPETRATOR_PANELS: "MATACs and perpetrator panels",
  DA_FORUMS: "DA forums",
  DA_ONLY: "Domestic abuse only",
  VAWG: "Violence against women and girls",
  DA_AND_SEXUAL_VIOLENCE: "DA and sexual violence",
  COMMISSIONING_AND_DA: "Commissioning and DA",
  DA_ACTIVITIES: "DA activities",
  NOT_LISTED: "Not listed",
  COMMISSIONING_STRATEGY: "Commissioning and strategy",
  CHILDRENS_SERVICES: "Children’s services",
};

/** `LEAD_IN_SAME_DEPARTMENT` → “Lead in same department”. */
export function humanise(enumValue: string | null | undefined): string {
  if (!enumValue) return "—";
  const override = labelOverrides[enumValue];
  if (override) return override;
  const words = enumValue.toLowerCase().split("_").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const integerFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });
const moneyFormat = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", maximumFractionDigits: 0 });

export function formatInteger(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : integerFormat.format(value);
}

export function formatDecimal(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : decimalFormat.format(value);
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${decimalFormat.format(value)}%`;
}

export function formatMoney(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : moneyFormat.format(value);
}

export function formatDate(value: string | null | undefined): string {
  if (!value) return "—";
  const date = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(date.getTime())
    ? value
    : date.toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

const organisationTypeNames: Record<string, string> = {
  LOCAL_AUTHORITY: "Local authority",
  PCC: "Police and Crime Commissioner",
  CCG: "Clinical Commissioning Group",
  ICB: "Integrated Care Board",
  PROVIDER: "Provider",
  OTHER: "Other",
};

/** One organisation's type, e.g. `PCC` → “Police and Crime Commissioner” (humanise gives the plural group names). */
export function organisationType(value: string | null | undefined): string {
  return value ? organisationTypeNames[value] ?? humanise(value) : "—";
}
