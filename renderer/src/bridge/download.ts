// How the page hands a download to the browser: a link click, which the server's `Content-Disposition: attachment`
// turns into a download in the browser's own list (with its own progress and its own Cancel), leaving the page
// where it is. Nothing here in Node (the bridge's tests): there is no document to click in.
export function startBrowserDownload(url: string, name: string): void {
  const doc = (globalThis as { document?: Document }).document;
  if (!doc) return;
  const link = doc.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
}
