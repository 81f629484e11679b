import { useEffect, useState } from 'react';

/**
 * The text of a field that commits on Enter/blur, and the reason it is invalid if it is. When the value
 * changes underneath (undo, redo, another edit) the draft follows it and the error clears.
 */
export function useDraftText(shown: string) {
  const [text, setText] = useState(shown);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setText(shown);
    setError(null);
  }, [shown]);
  return { text, setText, error, setError };
}
