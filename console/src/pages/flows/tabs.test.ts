import { describe, expect, it } from 'vitest';
import { searchWithTab, tabAfterKey, tabFromSearch } from './tabs';

describe('the tab in the URL', () => {
  it('reads ?tab=, falling back to Definition for none or an unknown one', () => {
    expect(tabFromSearch('?tab=versions')).toBe('versions');
    expect(tabFromSearch('?tab=playground&x=1')).toBe('playground');
    expect(tabFromSearch('')).toBe('definition');
    expect(tabFromSearch('?tab=nope')).toBe('definition');
  });

  it('writes it, leaving Definition out and other parameters in', () => {
    expect(searchWithTab('', 'versions')).toBe('?tab=versions');
    expect(searchWithTab('?tab=versions', 'definition')).toBe('');
    expect(searchWithTab('?x=1&tab=test', 'versions')).toBe('?x=1&tab=versions');
  });
});

describe('tabAfterKey', () => {
  it('moves with the arrows, wrapping around, and jumps with Home and End', () => {
    expect(tabAfterKey('definition', 'ArrowRight')).toBe('versions');
    expect(tabAfterKey('playground', 'ArrowRight')).toBe('definition');
    expect(tabAfterKey('definition', 'ArrowLeft')).toBe('playground');
    expect(tabAfterKey('test', 'Home')).toBe('definition');
    expect(tabAfterKey('versions', 'End')).toBe('playground');
    expect(tabAfterKey('versions', 'Enter')).toBeUndefined();
  });
});
