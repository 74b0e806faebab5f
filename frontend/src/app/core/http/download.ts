import type { HttpResponse } from '@angular/common/http';

/** A file the browser is to save: its content and the name the server gave it. */
export interface DownloadedFile {
  blob: Blob;
  fileName: string;
}

export function downloaded(res: HttpResponse<Blob>, fallback: string): DownloadedFile {
  return {
    blob: res.body ?? new Blob([]),
    fileName: fileNameFromDisposition(res.headers.get('Content-Disposition'), fallback),
  };
}

/**
 * The file name of a `Content-Disposition` header, as the backend sends it (`filename="…"`, ASCII:
 * see common/upload.ts), with path separators made harmless.
 */
export function fileNameFromDisposition(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = plain ? (plain[2] ?? plain[1] ?? '').trim() : '';
  return sanitize(name) || fallback;
}

function sanitize(name: string): string {
  return name.replace(/[/\\]/g, '_').trim();
}

/** Hands a blob to the browser as a download. */
export function saveFile(file: DownloadedFile, doc: Document = document): void {
  const url = URL.createObjectURL(file.blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
