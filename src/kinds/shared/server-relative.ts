/**
 * The server-relative path of a SharePoint URL (absolute, or server-relative already), decoded
 * and without a trailing slash: what a blueprint writes, so that the two compare as SharePoint
 * compares paths (case-insensitively: compare the results so). Pure.
 */
export function serverRelativePath(url: string): string {
  let path = url;
  if (/^https?:\/\//i.test(url)) {
    try {
      path = new URL(url).pathname;
    } catch {
      // not a URL after all: compared as written
    }
  }
  try {
    path = decodeURIComponent(path);
  } catch {
    // a malformed escape is compared as it is
  }
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}
