import { useEffect, useMemo, useRef, useState } from 'react';
import { useServices, useValue } from '../app/context';
import { searchPalette } from '../state/palette-items';
import { useAddItem } from './Palette';
import './QuickAdd.css';

/** The search box that opens where the empty canvas was double-clicked; Enter adds the highlighted block there. */
export function QuickAdd() {
  const { ui } = useServices();
  const at = useValue(ui, (u) => u.quickAdd);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const add = useAddItem();
  const found = useMemo(() => searchPalette(query).slice(0, 8), [query]);

  useEffect(() => {
    if (!at) return;
    setQuery('');
    setActive(0);
    input.current?.focus();
  }, [at]);
  if (!at) return null;

  const close = () => ui.set((u) => ({ ...u, quickAdd: null }));
  const choose = (i: number) => {
    const item = found[i];
    if (!item) return;
    add(item, { x: at.flow.x + 80, y: at.flow.y + 30 });
    close();
  };
  return (
    <div className="nl-quickadd" style={{ left: at.screen.x, top: at.screen.y }} data-testid="quick-add">
      <input
        ref={input}
        data-testid="quick-add-search"
        placeholder="Add a block…"
        aria-label="Add a block"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onBlur={close}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
          else if (e.key === 'Enter') choose(active);
          else if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, found.length - 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
          else return;
          e.preventDefault();
        }}
      />
      <ul role="listbox">
        {found.map((item, i) => (
          <li
            key={item.key}
            role="option"
            aria-selected={i === active}
            className={`cat-${item.category}`}
            onMouseDown={(e) => {
              e.preventDefault();
              choose(i);
            }}
          >
            <span className="nl-chip" /> {item.title}
          </li>
        ))}
      </ul>
    </div>
  );
}
