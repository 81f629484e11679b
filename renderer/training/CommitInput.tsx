import { useDraftText } from '../hooks/useDraftText';

interface Props {
  id: string;
  value: number | string;
  kind: 'int' | 'number' | 'text';
  min?: number;
  max?: number;
  title?: string;
  /** Optional value: an empty field removes it. */
  optional?: boolean;
  onCommit: (v: number | string | undefined) => void;
}

/** Parse and range-check what was typed; the message says what is wrong, or null when it is fine. */
export function checkValue(text: string, kind: Props['kind'], min?: number, max?: number, optional = false): { value?: number | string; error: string | null } {
  const t = text.trim();
  if (t === '') return optional ? { error: null } : { error: 'required' };
  if (kind === 'text') return { value: t, error: null };
  const v = Number(t);
  if (!Number.isFinite(v)) return { error: 'not a number' };
  if (kind === 'int' && !Number.isInteger(v)) return { error: 'must be a whole number' };
  if (min !== undefined && v < min) return { error: `must be ≥ ${min}` };
  if (max !== undefined && v > max) return { error: `must be ≤ ${max}` };
  return { value: v, error: null };
}

/**
 * A field that edits the graph only when the value is committed (Enter or leaving the field), so one
 * change is one undo step and half-typed numbers never reach the graph. Escape reverts.
 */
export function CommitInput({ id, value, kind, min, max, title, optional, onCommit }: Props) {
  const { text, setText, error, setError } = useDraftText(String(value));
  const commit = () => {
    const r = checkValue(text, kind, min, max, optional);
    setError(r.error);
    if (r.error === null && String(r.value ?? '') !== String(value)) onCommit(r.value);
  };
  return (
    <span className="nl-tr-field">
      <input
        id={id}
        data-testid={id}
        className={error ? 'invalid' : undefined}
        type="text"
        inputMode={kind === 'text' ? 'text' : 'decimal'}
        value={text}
        title={error ?? title}
        aria-invalid={error !== null}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') {
            setText(String(value));
            setError(null);
          }
        }}
      />
      {error && <span className="nl-tr-field-error" data-testid={`${id}-error`}>{error}</span>}
    </span>
  );
}
