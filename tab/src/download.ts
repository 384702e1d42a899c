/**
 * Saves a file the tab fetched (with the bearer token, so no token ever sits in a URL): an object URL and a
 * download link, clicked once and released a little later so the browser has read it.
 */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
