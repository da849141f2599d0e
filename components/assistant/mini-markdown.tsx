import { Fragment, type ReactNode } from "react";

/**
 * The assistant's markdown subset, rendered as React elements (no HTML injection): paragraphs, "- "
 * list items, **bold** and _italic_. Enough for message_markdown; anything else shows as text.
 */
function inline(text: string, key: string): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /\*\*(.+?)\*\*|_(.+?)_/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let i = 0;
  while ((m = re.exec(text))) {
    if (m.index > last) out.push(text.slice(last, m.index));
    out.push(m[1] !== undefined ? <strong key={`${key}-${i++}`}>{m[1]}</strong> : <em key={`${key}-${i++}`}>{m[2]}</em>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function MiniMarkdown({ text }: { text: string }) {
  const blocks: ReactNode[] = [];
  let list: ReactNode[] = [];
  const flush = (k: number) => {
    if (list.length) blocks.push(<ul key={`ul-${k}`} className="my-1 list-disc space-y-1 pl-5">{list}</ul>);
    list = [];
  };
  const lines = text.split("\n");
  lines.forEach((line, k) => {
    if (/^\s*-\s+/.test(line)) {
      list.push(<li key={`li-${k}`}>{inline(line.replace(/^\s*-\s+/, ""), `li-${k}`)}</li>);
    } else if (/^\s{2,}\S/.test(line) && list.length) {
      // A continuation line of the previous list item.
      const prev = list.pop() as { props: { children: ReactNode } };
      list.push(
        <li key={`li-${k}`}>
          {prev.props.children}
          <br />
          {inline(line.trim(), `lc-${k}`)}
        </li>,
      );
    } else if (line.trim() === "") {
      flush(k);
    } else {
      flush(k);
      blocks.push(<p key={`p-${k}`}>{inline(line, `p-${k}`)}</p>);
    }
  });
  flush(lines.length);
  return <Fragment>{blocks}</Fragment>;
}
