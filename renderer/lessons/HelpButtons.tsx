import { useEffect, useRef, useState } from 'react';
import { lessonUi } from './lesson-ui';
import './lessons.css';

/** Help ▸ Lessons and Help ▸ Activation explorer: one toolbar button with a small menu. */
export function HelpButtons() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('pointerdown', away);
    window.addEventListener('keydown', esc);
    return () => {
      window.removeEventListener('pointerdown', away);
      window.removeEventListener('keydown', esc);
    };
  }, [open]);
  const pick = (what: 'lessons' | 'explorer') => {
    setOpen(false);
    lessonUi.set((u) => ({ ...u, [what]: true }));
  };
  return (
    <div className="nl-help" ref={root}>
      <button type="button" className="nl-btn" data-testid="menu-help" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>Help ▾</button>
      {open && (
        <div className="nl-help-menu" role="menu">
          <button type="button" role="menuitem" className="nl-btn" data-testid="lessons-open" onClick={() => pick('lessons')}>Lessons…</button>
          <button type="button" role="menuitem" className="nl-btn" data-testid="explorer-open" onClick={() => pick('explorer')}>Activation explorer…</button>
        </div>
      )}
    </div>
  );
}
