import { useDraftText } from '../hooks/useDraftText';
import { rangeText } from '../../core/catalog/params';
import type { ParamSpec } from '../../core/catalog/types';
import { displayValue, parseParamInput } from '../state/param-input';

interface Props {
  name: string;
  spec: ParamSpec;
  value: unknown;
  /** Called with a valid value only; one call = one undo entry. */
  onCommit: (value: number | boolean | string | number[]) => void;
  testId?: string;
}

/**
 * One param with its range and description. Numbers are checked as you type and applied on Enter or
 * when leaving the field; an invalid entry stays visible with the reason and is not applied.
 */
export function ParamField({ name, spec, value, onCommit, testId = `param-${name}` }: Props) {
  // Undo/redo or another edit changing the value underneath shows in the field (see useDraftText).
  const { text, setText, error, setError } = useDraftText(displayValue(value));

  const commit = (raw: string) => {
    const r = parseParamInput(spec, raw);
    if (!r.ok) return setError(r.message);
    setError(null);
    const same = Array.isArray(r.value) && Array.isArray(value) ? r.value.join(',') === value.join(',') : r.value === value;
    if (!same) onCommit(r.value);
  };

  const inputId = `field-${testId}`;
  let control;
  if (spec.kind === 'enum') {
    control = (
      <select id={inputId} data-testid={testId} value={String(value)} onChange={(e) => commit(e.target.value)}>
        {spec.options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    );
  } else if (spec.kind === 'boolean') {
    control = <input id={inputId} data-testid={testId} type="checkbox" checked={value === true} onChange={(e) => commit(String(e.target.checked))} />;
  } else {
    control = (
      <input
        id={inputId}
        data-testid={testId}
        type="text"
        inputMode={spec.kind === 'padding' || spec.kind === 'ints' ? 'text' : 'decimal'}
        aria-invalid={error !== null}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          const r = parseParamInput(spec, e.target.value);
          setError(r.ok ? null : r.message);
        }}
        onBlur={(e) => commit(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit((e.target as HTMLInputElement).value);
          if (e.key === 'Escape') {
            setText(displayValue(value));
            setError(null);
          }
        }}
      />
    );
  }
  return (
    <div className={`nl-field${error ? ' invalid' : ''}`}>
      <label htmlFor={inputId}>
        <span className="nl-field-name">{name}</span>
        {spec.kind !== 'boolean' && (spec.kind !== 'enum' || spec.options.length <= 6) && <span className="nl-field-range">{rangeText(spec)}</span>}
      </label>
      {control}
      {error && <div className="nl-field-error" data-testid={`${testId}-error`} role="alert">{name} {error} — not applied</div>}
      <div className="nl-field-help">{spec.description}</div>
    </div>
  );
}
