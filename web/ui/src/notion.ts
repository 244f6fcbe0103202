// Pure helpers over Notion objects: titles, plain text, number formats and the filters a
// table's filter bar builds. No DOM here (notion.test.ts covers them).

export type RichText = {
  type?: string;
  plain_text?: string;
  href?: string | null;
  text?: { content: string; link?: { url: string } | null };
  annotations?: {
    bold?: boolean;
    italic?: boolean;
    strikethrough?: boolean;
    underline?: boolean;
    code?: boolean;
    color?: string;
  };
};

export function plain(rich: RichText[] | undefined | null): string {
  return (rich ?? []).map((r) => r.plain_text ?? r.text?.content ?? '').join('');
}

// A page's title (its title property) or a database's.
export function titleOf(obj: any): string {
  if (!obj) return '';
  if (Array.isArray(obj.title)) return plain(obj.title) || 'Untitled';
  for (const v of Object.values<any>(obj.properties ?? {})) {
    if (v?.type === 'title') return plain(v.title) || 'Untitled';
  }
  return 'Untitled';
}

export function iconOf(obj: any): string {
  const icon = obj?.icon;
  if (icon?.type === 'emoji') return icon.emoji;
  return obj?.object === 'database' ? '▦' : '📄';
}

const CURRENCIES: Record<string, string> = {
  dollar: 'USD', canadian_dollar: 'CAD', singapore_dollar: 'SGD', euro: 'EUR', pound: 'GBP', yen: 'JPY',
  ruble: 'RUB', rupee: 'INR', won: 'KRW', yuan: 'CNY', real: 'BRL', lira: 'TRY', rupiah: 'IDR', franc: 'CHF',
  hong_kong_dollar: 'HKD', new_zealand_dollar: 'NZD', krona: 'SEK', norwegian_krone: 'NOK',
  mexican_peso: 'MXN', rand: 'ZAR', new_taiwan_dollar: 'TWD', danish_krone: 'DKK', zloty: 'PLN', baht: 'THB',
  forint: 'HUF', koruna: 'CZK', shekel: 'ILS', chilean_peso: 'CLP', philippine_peso: 'PHP', dirham: 'AED',
  colombian_peso: 'COP', riyal: 'SAR', ringgit: 'MYR', leu: 'RON', argentine_peso: 'ARS', uruguayan_peso: 'UYU',
  peruvian_sol: 'PEN',
};

// A number as Notion shows it for the property's format
// (https://developers.notion.com/reference/property-object#number).
export function formatNumber(n: number | null | undefined, format = 'number'): string {
  if (n === null || n === undefined) return '';
  if (format === 'number') return String(n);
  if (format === 'number_with_commas') return n.toLocaleString('en-US', { maximumFractionDigits: 10 });
  if (format === 'percent') return `${+(n * 100).toFixed(10)}%`;
  const currency = CURRENCIES[format];
  if (currency) {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 10 }).format(n);
  }
  return String(n);
}

export function formatDate(d: { start: string; end?: string | null } | null | undefined): string {
  if (!d) return '';
  return d.end ? `${d.start} → ${d.end}` : d.start;
}

// The text a cell of the given property value shows, for editing and for tests.
export function valueText(v: any): string {
  if (!v) return '';
  switch (v.type) {
    case 'title':
    case 'rich_text':
      return plain(v[v.type]);
    case 'number':
      return v.number === null ? '' : String(v.number);
    case 'select':
    case 'status':
      return v[v.type]?.name ?? '';
    case 'multi_select':
      return v.multi_select.map((o: any) => o.name).join(', ');
    case 'checkbox':
      return v.checkbox ? 'true' : 'false';
    case 'date':
      return formatDate(v.date);
    case 'url':
    case 'email':
    case 'phone_number':
      return v[v.type] ?? '';
    case 'formula':
      return formulaText(v.formula);
    default:
      return '';
  }
}

// A rate limit as GET /_localnotion/rate_limit spells it ("off", "notion", "N/s",
// "N/min"), in words.
export function describeRateLimit(limit: string): string {
  if (limit === 'off') return 'off (no limit)';
  if (limit === 'notion') return '3 requests a second per integration, in bursts of up to 10 (notion)';
  const m = /^([0-9.]+)\/(s|min)$/.exec(limit);
  if (!m) return limit;
  const n = Number(m[1]);
  const requests = `${m[1]} request${n === 1 ? '' : 's'}`;
  return m[2] === 's'
    ? `${requests} a second per integration (${limit})`
    : `${requests} per integration in each 60-second window (${limit})`;
}

export function formulaText(f: any): string {
  if (!f) return '';
  if (f.type === 'date') return formatDate(f.date);
  if (f.type === 'boolean') return f.boolean ? 'true' : 'false';
  return f[f.type] === null || f[f.type] === undefined ? '' : String(f[f.type]);
}

export type FilterOp = 'contains' | 'equals' | 'is_empty' | 'is_not_empty' | 'greater_than' | 'less_than';

// The filter operators offered for each property type.
export function opsFor(type: string): FilterOp[] {
  switch (type) {
    case 'title':
    case 'rich_text':
    case 'url':
    case 'email':
    case 'phone_number':
      return ['contains', 'equals', 'is_empty', 'is_not_empty'];
    case 'number':
      return ['equals', 'greater_than', 'less_than', 'is_empty', 'is_not_empty'];
    case 'checkbox':
      return ['equals'];
    case 'select':
    case 'status':
      return ['equals', 'is_empty', 'is_not_empty'];
    case 'multi_select':
      return ['contains', 'is_empty', 'is_not_empty'];
    case 'date':
      return ['equals', 'greater_than', 'less_than', 'is_empty', 'is_not_empty'];
    default:
      return [];
  }
}

// The filter object of a database query (https://developers.notion.com/reference/post-database-query-filter)
// for one condition; null when the value does not fit the type.
export function buildFilter(name: string, type: string, op: FilterOp, value: string): object | null {
  if (op === 'is_empty' || op === 'is_not_empty') return { property: name, [type]: { [op]: true } };
  if (type === 'checkbox') return { property: name, checkbox: { equals: value === 'true' } };
  if (type === 'number') {
    const n = Number(value);
    if (value.trim() === '' || Number.isNaN(n)) return null;
    return { property: name, number: { [op]: n } };
  }
  if (type === 'date') {
    const key = op === 'greater_than' ? 'after' : op === 'less_than' ? 'before' : 'equals';
    return value ? { property: name, date: { [key]: value } } : null;
  }
  return { property: name, [type]: { [op]: value } };
}

// Chip colors of select, status and multi-select options, light and dark, as Notion's
// palette names them.
export const COLORS = ['default', 'gray', 'brown', 'orange', 'yellow', 'green', 'blue', 'purple', 'pink', 'red'];
export function colorClass(color: string | undefined): string {
  return `c-${COLORS.includes(color ?? '') ? color : 'default'}`;
}

// A link from workspace data is followed only when it is http(s), mailto or tel (or a
// path on this server): a `javascript:` URL in a page's rich text or URL property must
// never run in the UI's origin, where the admin token is.
export function safeHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  const u = url.trim();
  if (/^(https?:|mailto:|tel:)/i.test(u) || (u.startsWith('/') && !u.startsWith('//'))) return u;
  return undefined;
}
