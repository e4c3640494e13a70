// Files chosen or dropped by the user travel to the main process as base64 (see the contract).

export interface PickedFile {
  fileName: string;
  dataBase64: string;
}

export function readFileAsBase64(file: File): Promise<PickedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      const comma = url.indexOf(',');
      resolve({ fileName: file.name, dataBase64: comma >= 0 ? url.slice(comma + 1) : '' });
    };
    reader.readAsDataURL(file);
  });
}

/** Saves bytes the main process rendered (browser preview: no native save dialog). */
export function downloadBase64(fileName: string, mime: string, dataBase64: string): void {
  const bin = atob(dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
