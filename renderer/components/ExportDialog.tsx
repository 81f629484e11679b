import { useState } from 'react';
import { previewText, type PreparedExport } from '../app/export-files';
import './ExportDialog.css';

interface Props {
  prepared: PreparedExport;
  onSave: () => Promise<void>;
  onClose: () => void;
}

/**
 * File ▸ Export ▸ PyTorch / Keras / ONNX: the files an export writes, the main one previewed, with Copy
 * (the code, to paste into a notebook) and Save (every file, so the script finds its weights and data).
 */
export function ExportDialog({ prepared, onSave, onClose }: Props) {
  const [shown, setShown] = useState(0);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'failed'>('idle');
  const file = prepared.files[shown]!;
  const text = previewText(file);
  const copy = async () => setCopied((await copyText(text)) ? 'copied' : 'failed');
  return (
    <div className="nl-export">
      <div className="nl-export-files" role="tablist">
        {prepared.files.map((f, i) => (
          <button key={f.name} type="button" role="tab" aria-selected={i === shown} className={`nl-btn${i === shown ? ' active' : ''}`}
            data-testid={`export-file-${f.role}`} onClick={() => { setShown(i); setCopied('idle'); }}>
            {f.name}
          </button>
        ))}
      </div>
      <pre className="nl-export-preview" data-testid="export-preview" tabIndex={0}>{text}</pre>
      {prepared.note && <p className="nl-export-note" data-testid="export-note">{prepared.note}</p>}
      <div className="nl-actions">
        <span className="nl-export-status" role="status">{copied === 'copied' ? 'Copied to the clipboard' : copied === 'failed' ? 'Could not copy; select the text and copy it by hand' : ''}</span>
        <button type="button" className="nl-btn" data-testid="export-copy" disabled={typeof file.contents !== 'string'} onClick={() => void copy()}>Copy</button>
        <button type="button" className="nl-btn" onClick={onClose}>Close</button>
        <button type="button" className="nl-btn primary" data-testid="export-save" onClick={() => void onSave()}>
          Save {prepared.files.length > 1 ? `${prepared.files.length} files` : 'file'}
        </button>
      </div>
    </div>
  );
}

/** The async Clipboard API where allowed; the selection-and-copy fallback where a host denies it. */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}
