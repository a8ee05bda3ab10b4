import { useEffect } from 'react';

/** How long a page may take to show the item a hash names. */
const WAIT_MS = 15_000;

/**
 * A hash that names an item after its page (`#/cong-viec?task=<id>`, a notification's link): once the page shows
 * the element with that `data-item-id`, it is scrolled into view and marked (`data-focused`).
 */
export function useFocusedItem(hash: string): void {
  useEffect(() => {
    const query = hash.split('?')[1];
    const id = query ? [...new URLSearchParams(query).values()][0] : undefined;
    if (!id) return;
    const find = () => {
      const el = document.querySelector<HTMLElement>(`[data-item-id="${CSS.escape(id)}"]`);
      if (!el) return;
      observer.disconnect();
      document.querySelectorAll('[data-focused]').forEach((e) => e.removeAttribute('data-focused'));
      el.setAttribute('data-focused', 'true');
      el.scrollIntoView({ block: 'center' });
    };
    const observer = new MutationObserver(find);
    observer.observe(document.body, { childList: true, subtree: true });
    const stop = setTimeout(() => observer.disconnect(), WAIT_MS);
    find();
    return () => {
      observer.disconnect();
      clearTimeout(stop);
    };
  }, [hash]);
}
