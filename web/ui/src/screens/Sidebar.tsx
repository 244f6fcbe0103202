import { useEffect, useState } from 'preact/hooks';
import { collect } from '../api';
import { iconOf, titleOf } from '../notion';
import { Link } from '../router';

type Node = { obj: any; children: Node[] };

// Every page and database the search finds, arranged by parent. Rows of databases are not
// listed here: the database's table shows them.
export function buildTree(objects: any[]): Node[] {
  const nodes = new Map<string, Node>();
  for (const o of objects) {
    if (o.parent?.type === 'database_id' || o.parent?.type === 'data_source_id') continue;
    nodes.set(o.id, { obj: o, children: [] });
  }
  const roots: Node[] = [];
  for (const n of nodes.values()) {
    const p = n.obj.parent;
    const parentId = p?.page_id ?? p?.block_id;
    const parent = parentId ? nodes.get(parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  const sort = (list: Node[]) => {
    list.sort((a, b) => titleOf(a.obj).localeCompare(titleOf(b.obj)));
    list.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

function Branch(props: { node: Node; current: string }) {
  const { obj, children } = props.node;
  const to = `/${obj.object === 'database' ? 'databases' : 'pages'}/${obj.id}`;
  const [open, setOpen] = useState(true);
  return (
    <li role="treeitem" aria-expanded={children.length ? open : undefined} aria-selected={props.current === to}>
      <span class="row">
        {children.length ? (
          <button type="button" class="twisty" aria-label={open ? 'Collapse' : 'Expand'} onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'}
          </button>
        ) : (
          <span class="twisty" />
        )}
        <Link to={to} class={props.current === to ? 'current' : ''}>
          <span aria-hidden="true">{iconOf(obj)}</span> {titleOf(obj)}
        </Link>
      </span>
      {open && children.length > 0 && (
        <ul role="group">
          {children.map((c) => (
            <Branch key={c.obj.id} node={c} current={props.current} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function Sidebar(props: { version: number; current: string }) {
  const [tree, setTree] = useState<Node[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    // Databases first, then pages (rows of databases among them, which the tree leaves out).
    const kind = (value: string, limit: number) =>
      collect('POST', 'search', { filter: { property: 'object', value } }, undefined, limit);
    Promise.all([kind('database', 5000), kind('page', 1000)])
      .then(([dbs, pages]) => setTree(buildTree([...dbs, ...pages])))
      .catch((e) => setError(String(e.message ?? e)));
  }, [props.version]);
  return (
    <nav class="sidebar" aria-label="Workspace">
      <h2>Workspace</h2>
      {error && <p role="alert" class="error">{error}</p>}
      {!tree && !error && <p>Loading…</p>}
      {tree && tree.length === 0 && <p>The workspace is empty.</p>}
      {tree && (
        <ul role="tree" aria-label="Pages and databases">
          {tree.map((n) => (
            <Branch key={n.obj.id} node={n} current={props.current} />
          ))}
        </ul>
      )}
    </nav>
  );
}
