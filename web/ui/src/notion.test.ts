import { describe, expect, it } from 'vitest';
import { buildFilter, describeRateLimit, formatNumber, opsFor, plain, safeHref, titleOf, valueText } from './notion';
import { SseParser } from './api';

describe('numbers keep their format', () => {
  it('formats like Notion', () => {
    expect(formatNumber(2.5, 'dollar')).toBe('$2.50');
    expect(formatNumber(1234567.5, 'number_with_commas')).toBe('1,234,567.5');
    expect(formatNumber(0.25, 'percent')).toBe('25%');
    expect(formatNumber(3, 'euro')).toBe('€3.00');
    expect(formatNumber(7, 'number')).toBe('7');
    expect(formatNumber(null, 'dollar')).toBe('');
  });
});

describe('titles and text', () => {
  it('reads the title property of a page and the title of a database', () => {
    const page = { properties: { Name: { type: 'title', title: [{ plain_text: 'Tuscan ' }, { plain_text: 'kale' }] } } };
    expect(titleOf(page)).toBe('Tuscan kale');
    expect(titleOf({ object: 'database', title: [] })).toBe('Untitled');
    expect(plain([{ text: { content: 'a' } }])).toBe('a');
    expect(valueText({ type: 'multi_select', multi_select: [{ name: 'x' }, { name: 'y' }] })).toBe('x, y');
  });
});

describe('filters', () => {
  it('builds one condition per type', () => {
    expect(buildFilter('Name', 'title', 'contains', 'kale')).toEqual({ property: 'Name', title: { contains: 'kale' } });
    expect(buildFilter('In stock', 'checkbox', 'equals', 'true')).toEqual({
      property: 'In stock',
      checkbox: { equals: true },
    });
    expect(buildFilter('Price', 'number', 'greater_than', '2')).toEqual({ property: 'Price', number: { greater_than: 2 } });
    expect(buildFilter('Price', 'number', 'equals', 'x')).toBeNull();
    expect(buildFilter('Food group', 'select', 'is_empty', '')).toEqual({ property: 'Food group', select: { is_empty: true } });
    expect(buildFilter('Last ordered', 'date', 'greater_than', '2022-01-01')).toEqual({
      property: 'Last ordered',
      date: { after: '2022-01-01' },
    });
    expect(opsFor('files')).toEqual([]);
  });
});

describe('the event-stream parser', () => {
  it('splits events across chunks and skips comments', () => {
    const seen: [string, any][] = [];
    const p = new SseParser((e, d) => seen.push([e, d]));
    p.push('id: 1\nevent: request\ndata: {"path":"/v1/us');
    p.push('ers"}\n\n: idle\n\nevent: cleared\ndata: {}\n\n');
    expect(seen).toEqual([
      ['request', { path: '/v1/users' }],
      ['cleared', {}],
    ]);
  });
});

describe('links from workspace data', () => {
  it('never follows a javascript: or data: URL', () => {
    expect(safeHref('https://example.com/a')).toBe('https://example.com/a');
    expect(safeHref('mailto:a@b.c')).toBe('mailto:a@b.c');
    expect(safeHref('/_localnotion/files/x')).toBe('/_localnotion/files/x');
    expect(safeHref('javascript:alert(1)')).toBeUndefined();
    expect(safeHref(' JavaScript:alert(1)')).toBeUndefined();
    expect(safeHref('data:text/html,<script>')).toBeUndefined();
    expect(safeHref('//evil.example')).toBeUndefined();
    expect(safeHref(null)).toBeUndefined();
  });
});

describe('rate limits in words', () => {
  it('reads each spelling of GET /_localnotion/rate_limit', () => {
    expect(describeRateLimit('off')).toBe('off (no limit)');
    expect(describeRateLimit('2/min')).toBe('2 requests per integration in each 60-second window (2/min)');
    expect(describeRateLimit('1/min')).toBe('1 request per integration in each 60-second window (1/min)');
    expect(describeRateLimit('0.5/s')).toBe('0.5 requests a second per integration (0.5/s)');
    expect(describeRateLimit('notion')).toBe('3 requests a second per integration, in bursts of up to 10 (notion)');
  });
});
