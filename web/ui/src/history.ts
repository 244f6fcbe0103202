// A page's change history (GET /_localnotion/pages/{id}/history, docs/compat.md) as a
// diff: each change's value before and after as text, and for text values which words
// were removed and which added. The diff itself is jsdiff's (npm `diff`); no DOM here
// (history.test.ts covers it).
import { diffLines, diffWords } from 'diff';
import { plain, valueText } from './notion';

export type Part = { value: string; added?: boolean; removed?: boolean };

// One recorded change: a property's ({property, property_id, before, after}, values in
// the 2025-09-03 page response form) or a page field's ({field, before, after}: icon,
// cover, in_trash, is_locked).
export type Change = { property?: string; property_id?: string; field?: string; before: any; after: any };

// Property types whose value is text: these get a word diff.
const TEXT_TYPES = new Set(['title', 'rich_text', 'url', 'email', 'phone_number']);

export function isTextChange(c: Change): boolean {
  if (c.field !== undefined) return false;
  const type = c.after?.type ?? c.before?.type;
  return TEXT_TYPES.has(type);
}

// A property value or a page field as one line of text.
export function changeText(value: any, field?: string): string {
  if (value === null || value === undefined) return '';
  if (field !== undefined) {
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (value.type === 'emoji') return value.emoji;
    if (value.type === 'custom_emoji') return value.custom_emoji?.name ?? '';
    return value.external?.url ?? value.file?.url ?? value.file_upload?.id ?? JSON.stringify(value);
  }
  switch (value.type) {
    case 'people':
      return value.people.map((p: any) => p.name ?? p.id).join(', ');
    case 'relation':
      return value.relation.map((r: any) => r.id).join(', ');
    case 'files':
      return value.files.map((f: any) => f.name ?? 'file').join(', ');
    case 'title':
    case 'rich_text':
      return plain(value[value.type]);
    default:
      return valueText(value);
  }
}

// The parts of `after` against `before`: words, or for text of several lines, lines
// first and then the words of each changed line that replaced another.
export function textDiff(before: string, after: string): Part[] {
  if (!before.includes('\n') && !after.includes('\n')) return diffWords(before, after);
  const lines = diffLines(before, after);
  const out: Part[] = [];
  for (let i = 0; i < lines.length; i++) {
    const next = lines[i + 1];
    if (lines[i].removed && next?.added) {
      out.push(...diffWords(lines[i].value, next.value));
      i++;
    } else {
      out.push(lines[i]);
    }
  }
  return out;
}

// What each side of a side-by-side diff shows: the before side without the added parts,
// the after side without the removed ones.
export function sides(parts: Part[]): { before: Part[]; after: Part[] } {
  return { before: parts.filter((p) => !p.added), after: parts.filter((p) => !p.removed) };
}
