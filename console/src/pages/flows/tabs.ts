/** The flow page's tabs, in order; the first is shown when the URL names none. */
export const TABS = [
  { id: 'definition', label: 'Definition' },
  { id: 'versions', label: 'Versions' },
  { id: 'test', label: 'Test' },
  { id: 'playground', label: 'Mapping playground' },
] as const;

export type TabId = (typeof TABS)[number]['id'];

const DEFAULT: TabId = 'definition';

/** The tab a query string names (`?tab=versions`), or Definition. */
export function tabFromSearch(search: string): TabId {
  const named = new URLSearchParams(search).get('tab');
  return TABS.find((tab) => tab.id === named)?.id ?? DEFAULT;
}

/** The query string that names a tab, keeping any other parameter (`` for Definition alone). */
export function searchWithTab(search: string, tab: TabId): string {
  const params = new URLSearchParams(search);
  if (tab === DEFAULT) params.delete('tab');
  else params.set('tab', tab);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The tab a key moves to (arrows wrap around; Home and End), or undefined for other keys. */
export function tabAfterKey(current: TabId, key: string): TabId | undefined {
  const index = TABS.findIndex((tab) => tab.id === current);
  const last = TABS.length - 1;
  const to: Record<string, number> = {
    ArrowRight: index === last ? 0 : index + 1,
    ArrowLeft: index === 0 ? last : index - 1,
    Home: 0,
    End: last,
  };
  return key in to ? TABS[to[key]].id : undefined;
}
