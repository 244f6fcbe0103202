import { describe, expect, it } from 'vitest';
import { changeText, isTextChange, sides, textDiff } from './history';

const words = (parts: { value: string }[]) => parts.map((p) => p.value.trim());

describe('a text change as a word diff', () => {
  it('marks the removed and the added words', () => {
    const parts = textDiff('A dark green leafy vegetable', 'A dark leafy winter vegetable');
    expect(words(parts.filter((p) => p.removed))).toEqual(['green']);
    expect(words(parts.filter((p) => p.added))).toEqual(['winter']);
    const { before, after } = sides(parts);
    expect(before.map((p) => p.value).join('')).toBe('A dark green leafy vegetable');
    expect(after.map((p) => p.value).join('')).toBe('A dark leafy winter vegetable');
  });

  it('diffs lines first, then the words of a changed line', () => {
    const parts = textDiff('one\ntwo words\nthree\n', 'one\ntwo more words\nthree\nfour\n');
    expect(words(parts.filter((p) => p.added))).toEqual(['more', 'four']);
    expect(parts.filter((p) => p.removed)).toEqual([]);
    expect(sides(parts).after.map((p) => p.value).join('')).toBe('one\ntwo more words\nthree\nfour\n');
  });

  it('shows a first value as added whole', () => {
    expect(textDiff('', 'Hi there')).toEqual([expect.objectContaining({ added: true, value: 'Hi there' })]);
  });
});

describe('the text of a recorded value', () => {
  it('reads property values and page fields', () => {
    const title = { type: 'title', title: [{ plain_text: 'Tuscan ' }, { plain_text: 'kale' }] };
    expect(changeText(title)).toBe('Tuscan kale');
    expect(isTextChange({ property: 'Name', before: null, after: title })).toBe(true);
    expect(isTextChange({ property: 'Done', before: null, after: { type: 'checkbox', checkbox: true } })).toBe(false);
    expect(isTextChange({ field: 'in_trash', before: false, after: true })).toBe(false);
    expect(changeText({ type: 'multi_select', multi_select: [{ name: 'a' }, { name: 'b' }] })).toBe('a, b');
    expect(changeText({ type: 'people', people: [{ id: 'u1', name: 'Ada' }, { id: 'u2' }] })).toBe('Ada, u2');
    expect(changeText({ type: 'emoji', emoji: '🐞' }, 'icon')).toBe('🐞');
    expect(changeText(true, 'in_trash')).toBe('true');
    expect(changeText(null)).toBe('');
  });
});
