import { useEffect } from 'react';
import type { FileActions } from '../app/file-actions';
import { isOnnxFileName } from '../app/onnx-import';

/**
 * Dropping an .onnx file anywhere on the window imports it. Only drags that carry files are handled
 * (palette drags carry their own data type), and a dropped file never makes the page navigate to it.
 */
export function useOnnxDrop(files: FileActions): void {
  useEffect(() => {
    const carriesFiles = (e: DragEvent) => Boolean(e.dataTransfer?.types.includes('Files'));
    const over = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer!.dropEffect = 'copy';
    };
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      const file = e.dataTransfer!.files[0];
      if (!file) return;
      if (isOnnxFileName(file.name)) void files.dropOnnx(file);
      else files.toast(`"${file.name}" is not an ONNX model: drop an .onnx file to import it, or use Open… for a graph file`, 'error');
    };
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [files]);
}
