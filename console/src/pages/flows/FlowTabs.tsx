import { useEffect, useState, type KeyboardEvent } from 'react';
import { searchWithTab, tabAfterKey, tabFromSearch, TABS, type TabId } from './tabs';

export const tabId = (tab: TabId) => `flow-tab-${tab}`;
export const panelId = (tab: TabId) => `flow-panel-${tab}`;

/**
 * The selected tab, kept in the URL's query (`?tab=versions`, replaced, not pushed) so a link
 * or a reload opens the same tab; back and forward follow it.
 */
export function useTab(): [TabId, (tab: TabId) => void] {
  const [tab, setTab] = useState<TabId>(() => tabFromSearch(window.location.search));
  useEffect(() => {
    const update = () => setTab(tabFromSearch(window.location.search));
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  function select(next: TabId) {
    setTab(next);
    const { pathname, search } = window.location;
    window.history.replaceState(window.history.state, '', pathname + searchWithTab(search, next));
  }
  return [tab, select];
}

/** A tablist: arrows, Home and End move between the tabs (and select), Tab leaves it. */
export function FlowTabs({ tab, onSelect }: { tab: TabId; onSelect(tab: TabId): void }) {
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const next = tabAfterKey(tab, event.key);
    if (!next) return;
    event.preventDefault();
    onSelect(next);
    document.getElementById(tabId(next))?.focus();
  }
  return (
    <div role="tablist" aria-label="Flow" onKeyDown={onKeyDown}>
      {TABS.map(({ id, label }) => (
        <button
          key={id}
          type="button"
          role="tab"
          id={tabId(id)}
          aria-selected={tab === id}
          aria-controls={panelId(id)}
          tabIndex={tab === id ? 0 : -1}
          onClick={() => onSelect(id)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
