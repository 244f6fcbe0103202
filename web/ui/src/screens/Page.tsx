import { useEffect, useState } from 'preact/hooks';
import { admin, collect, v1 } from '../api';
import { Rich, Value } from '../cells';
import { plain, safeHref, titleOf } from '../notion';
import { Link } from '../router';
import { History } from './History';

const MAX_BLOCKS = 1000;

// A page: its properties, its content blocks rendered (children read as far as 1,000
// blocks), its comments, and its change history from the admin API as a diff (History.tsx).
export function PageView(props: { id: string }) {
  const [page, setPage] = useState<any>(null);
  const [blocks, setBlocks] = useState<any[] | null>(null);
  const [comments, setComments] = useState<any[] | null>(null);
  const [history, setHistory] = useState<any[] | null>(null);
  const [error, setError] = useState('');
  const [schema, setSchema] = useState<any>({});
  useEffect(() => {
    setPage(null);
    setSchema({});
    setBlocks(null);
    setComments(null);
    setHistory(null);
    setError('');
    v1('GET', `pages/${props.id}`).then((p) => {
      setPage(p);
      // The database's schema gives each value its format (a number's currency).
      if (p.parent?.database_id) v1('GET', `databases/${p.parent.database_id}`).then((db) => setSchema(db.properties), () => {});
    }, (e) => setError(e.message));
    loadChildren(props.id, { n: 0 }).then(setBlocks, (e) => setError(e.message));
    collect('GET', `comments?block_id=${props.id}`).then(setComments, () => setComments([]));
    admin('GET', `pages/${props.id}/history`).then((h) => setHistory(h.results ?? []), () => setHistory([]));
  }, [props.id]);
  if (error) return <p role="alert" class="error">{error}</p>;
  if (!page) return <p>Loading…</p>;
  const parent = page.parent?.database_id ?? page.parent?.page_id;
  return (
    <article class="page" aria-labelledby="page-title">
      {parent && (
        <p class="crumb">
          <Link to={`/${page.parent.database_id ? 'databases' : 'pages'}/${parent}`}>↑ Parent</Link>
        </p>
      )}
      <h1 id="page-title">
        {page.icon?.emoji && <span aria-hidden="true">{page.icon.emoji} </span>}
        {titleOf(page)}
      </h1>
      <table class="props" aria-label="Properties">
        <tbody>
          {Object.entries<any>(page.properties)
            .filter(([, v]) => v.type !== 'title')
            .map(([name, v]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                <td>
                  <Value value={v} config={schema[name]} />
                </td>
              </tr>
            ))}
        </tbody>
      </table>
      <section aria-label="Content" class="blocks">
        {blocks === null ? <p>Loading content…</p> : blocks.length === 0 ? <p class="muted">No content.</p> : <Blocks blocks={blocks} />}
      </section>
      <section aria-labelledby="comments-title" class="comments">
        <h2 id="comments-title">Comments</h2>
        {comments === null ? (
          <p>Loading…</p>
        ) : comments.length === 0 ? (
          <p class="muted">No comments.</p>
        ) : (
          <ul>
            {comments.map((c) => (
              <li key={c.id} class="comment">
                <span class="muted">{c.created_time}</span> <Rich text={c.rich_text} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="history-title" class="history">
        <h2 id="history-title">History</h2>
        {history === null ? <p>Loading…</p> : history.length === 0 ? <p class="muted">No recorded changes.</p> : <History entries={history} schema={schema} />}
      </section>
    </article>
  );
}

async function loadChildren(id: string, count: { n: number }): Promise<any[]> {
  const children = await collect('GET', `blocks/${id}/children`);
  count.n += children.length;
  for (const b of children) {
    if (b.has_children && count.n < MAX_BLOCKS && b.type !== 'child_page' && b.type !== 'child_database') {
      b.children = await loadChildren(b.id, count);
    }
  }
  return children;
}

function Blocks(props: { blocks: any[] }) {
  const out: any[] = [];
  let list: { tag: 'ul' | 'ol'; items: any[] } | null = null;
  const flush = () => {
    if (list) out.push(list.tag === 'ul' ? <ul key={out.length}>{list.items}</ul> : <ol key={out.length}>{list.items}</ol>);
    list = null;
  };
  for (const b of props.blocks) {
    const tag = b.type === 'bulleted_list_item' ? 'ul' : b.type === 'numbered_list_item' ? 'ol' : null;
    if (tag) {
      if (!list || list.tag !== tag) {
        flush();
        list = { tag, items: [] };
      }
      list.items.push(
        <li key={b.id} data-block={b.type}>
          <Rich text={b[b.type].rich_text} />
          {b.children && <Blocks blocks={b.children} />}
        </li>,
      );
      continue;
    }
    flush();
    out.push(<Block key={b.id} block={b} />);
  }
  flush();
  return <>{out}</>;
}

function Block(props: { block: any }) {
  const b = props.block;
  const data = b[b.type] ?? {};
  const kids = b.children ? <Blocks blocks={b.children} /> : null;
  const text = <Rich text={data.rich_text} />;
  switch (b.type) {
    case 'paragraph':
      return <p data-block="paragraph">{text}{kids && <div class="indent">{kids}</div>}</p>;
    case 'heading_1':
      return <h2 data-block="heading_1">{text}</h2>;
    case 'heading_2':
      return <h3 data-block="heading_2">{text}</h3>;
    case 'heading_3':
      return <h4 data-block="heading_3">{text}</h4>;
    case 'to_do':
      return (
        <div data-block="to_do" class="todo">
          <input type="checkbox" checked={data.checked} disabled aria-label={plain(data.rich_text)} /> {text}
          {kids && <div class="indent">{kids}</div>}
        </div>
      );
    case 'toggle':
      return (
        <details data-block="toggle">
          <summary>{text}</summary>
          {kids}
        </details>
      );
    case 'code':
      return (
        <pre data-block="code" data-language={data.language}>
          <code>{plain(data.rich_text)}</code>
        </pre>
      );
    case 'quote':
      return <blockquote data-block="quote">{text}{kids}</blockquote>;
    case 'callout':
      return (
        <div data-block="callout" class="callout" role="note">
          <span aria-hidden="true">{data.icon?.emoji ?? '💡'}</span> <div>{text}{kids}</div>
        </div>
      );
    case 'divider':
      return <hr data-block="divider" />;
    case 'image': {
      const url = safeHref(data.file?.url ?? data.external?.url);
      return (
        <figure data-block="image">
          {url && <img src={url} alt={plain(data.caption) || 'image'} loading="lazy" />}
          {data.caption?.length > 0 && <figcaption><Rich text={data.caption} /></figcaption>}
        </figure>
      );
    }
    case 'table':
      return (
        <table data-block="table" class="block-table">
          <tbody>
            {(b.children ?? []).map((row: any, i: number) => (
              <tr key={row.id}>
                {row.table_row.cells.map((cell: any, j: number) => {
                  const head = (data.has_column_header && i === 0) || (data.has_row_header && j === 0);
                  return head ? <th key={j}><Rich text={cell} /></th> : <td key={j}><Rich text={cell} /></td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'column_list':
      return (
        <div data-block="column_list" class="columns">
          {(b.children ?? []).map((col: any) => (
            <div key={col.id} class="column">{col.children && <Blocks blocks={col.children} />}</div>
          ))}
        </div>
      );
    case 'synced_block':
      return <div data-block="synced_block" class="synced">{kids}</div>;
    case 'child_page':
      return <p data-block="child_page"><Link to={`/pages/${b.id}`}>📄 {data.title}</Link></p>;
    case 'child_database':
      return <p data-block="child_database"><Link to={`/databases/${b.id}`}>▦ {data.title}</Link></p>;
    case 'bookmark':
    case 'embed':
    case 'link_preview':
      return (
        <p data-block={b.type}>
          <a href={safeHref(data.url)} target="_blank" rel="noreferrer noopener">{data.url}</a>
        </p>
      );
    case 'equation':
      return <p data-block="equation"><code>{data.expression}</code></p>;
    default:
      return <p data-block={b.type} class="muted">[{b.type}]</p>;
  }
}
