/**
 * A small XML reader for CSOM request bodies (`_vti_bin/client.svc/ProcessQuery`): elements,
 * attributes and text; no DTDs, no namespaces beyond the names as written.
 */
/** An element of a CSOM request body. */
export interface XmlEl {
  name: string;
  attrs: Record<string, string>;
  children: XmlEl[];
  text: string;
}

/** A small XML reader for CSOM request bodies (elements, attributes, text; no DTDs). */
export function parseXml(xml: string): XmlEl {
  let i = 0;
  const root: XmlEl = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlEl[] = [root];
  const decode = (s: string): string =>
    s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d))).replace(/&amp;/g, '&');
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (lt > i) stack.at(-1)!.text += decode(xml.slice(i, lt));
    if (xml.startsWith('<?', lt)) {
      i = xml.indexOf('?>', lt) + 2;
      continue;
    }
    if (xml.startsWith('<!--', lt)) {
      i = xml.indexOf('-->', lt) + 3;
      continue;
    }
    const gt = xml.indexOf('>', lt);
    if (gt < 0) throw new Error('malformed XML');
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    if (tag.startsWith('/')) {
      if (stack.length > 1) stack.pop();
      continue;
    }
    const selfClose = tag.endsWith('/');
    const inner = selfClose ? tag.slice(0, -1) : tag;
    const m = /^([^\s/>]+)/.exec(inner);
    const el: XmlEl = { name: m ? m[1]! : '', attrs: {}, children: [], text: '' };
    for (const a of inner.matchAll(/([^\s=]+)\s*=\s*"([^"]*)"/g)) el.attrs[a[1]!] = decode(a[2]!);
    stack.at(-1)!.children.push(el);
    if (!selfClose) stack.push(el);
  }
  return root;
}
