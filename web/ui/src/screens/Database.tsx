import { memo } from 'preact/compat';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { v1 } from '../api';
import { Value } from '../cells';
import { buildFilter, FilterOp, opsFor, plain, titleOf, valueText } from '../notion';
import { Link } from '../router';

const ROW_H = 34;
const OVERSCAN = 12;

type Sort = { property: string; direction: 'ascending' | 'descending' } | null;
type Filter = { property: string; op: FilterOp; value: string };

// A database as a table like Notion's: typed cells, sorting and filtering done by the
// server's query (so they mean what Notion's mean), rows loaded a page of 100 at a time
// in the background and drawn only where they are visible (10k rows stay smooth).
export function DatabaseView(props: { id: string }) {
  const [db, setDb] = useState<any>(null);
  const [rows, setRows] = useState<any[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const [sort, setSort] = useState<Sort>(null);
  const [filter, setFilter] = useState<Filter | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    setDb(null);
    setSort(null);
    setFilter(null);
    setError('');
    v1('GET', `databases/${props.id}`).then(setDb, (e) => setError(e.message));
  }, [props.id]);

  useEffect(() => {
    if (!db) return;
    let cancelled = false;
    const body: any = {};
    if (sort) body.sorts = [sort];
    if (filter) {
      const f = buildFilter(filter.property, db.properties[filter.property]?.type, filter.op, filter.value);
      if (f) body.filter = f;
    }
    setRows([]);
    setLoading(true);
    (async () => {
      let cursor: string | undefined;
      const all: any[] = [];
      do {
        const page = await v1('POST', `databases/${props.id}/query`, {
          ...body,
          page_size: 100,
          ...(cursor ? { start_cursor: cursor } : {}),
        });
        if (cancelled) return;
        all.push(...page.results);
        setRows(all.slice());
        cursor = page.has_more ? page.next_cursor : undefined;
      } while (cursor);
      setLoading(false);
    })().catch((e) => {
      if (!cancelled) {
        setError(e.message);
        setLoading(false);
      }
    });
    return () => {
      cancelled = true;
    };
  }, [db, sort, filter, reload]);

  const columns = useMemo(() => {
    if (!db) return [];
    const entries = Object.entries<any>(db.properties).map(([name, p]) => ({ name, ...p }));
    // The title first, then the others in the order the API gives them.
    return [...entries.filter((c) => c.type === 'title'), ...entries.filter((c) => c.type !== 'title')];
  }, [db]);
  // Relations show the titles of the rows they point to (when those are loaded); built
  // only for a database that has a relation, since it walks every row.
  const hasRelation = columns.some((c) => c.type === 'relation');
  const titles = useMemo(
    () => (hasRelation ? new Map(rows.map((r) => [r.id, titleOf(r)])) : new Map<string, string>()),
    [rows, hasRelation],
  );

  // Stable, so that rows (memo) are not drawn again when the list grows.
  const patch = useCallback(async (row: any, name: string, value: any) => {
    try {
      const updated = await v1('PATCH', `pages/${row.id}`, { properties: { [name]: value } });
      setRows((rs) => rs.map((r) => (r.id === updated.id ? updated : r)));
    } catch (e: any) {
      setError(e.message);
    }
  }, []);

  if (error) return <p role="alert" class="error">{error}</p>;
  if (!db) return <p>Loading…</p>;
  const titleColumn = columns.find((c) => c.type === 'title');

  return (
    <section class="database" aria-labelledby="db-title">
      <h1 id="db-title">
        <span aria-hidden="true">{db.icon?.emoji ?? '▦'}</span> {plain(db.title) || 'Untitled'}
      </h1>
      <div class="toolbar">
        <FilterBar columns={columns} filter={filter} onChange={setFilter} />
        <span class="grow" />
        <span class="count" aria-live="polite">
          {rows.length} {rows.length === 1 ? 'row' : 'rows'}{loading ? ' (loading…)' : ''}
        </span>
        {titleColumn && (
          <NewRow
            onAdd={async (title) => {
              const made = await v1('POST', 'pages', {
                parent: { database_id: db.id },
                properties: { [titleColumn.name]: { title: [{ text: { content: title } }] } },
              });
              setRows((rs) => [...rs, made]);
            }}
          />
        )}
      </div>
      <Table
        columns={columns}
        rows={rows}
        titles={titles}
        sort={sort}
        onSort={(property) => {
          if (!sort || sort.property !== property) setSort({ property, direction: 'ascending' });
          else if (sort.direction === 'ascending') setSort({ property, direction: 'descending' });
          else setSort(null);
        }}
        onPatch={patch}
      />
      <button type="button" class="link" onClick={() => setReload((n) => n + 1)}>Reload</button>
    </section>
  );
}

function FilterBar(props: { columns: any[]; filter: Filter | null; onChange: (f: Filter | null) => void }) {
  const usable = props.columns.filter((c) => opsFor(c.type).length > 0);
  const [property, setProperty] = useState(props.filter?.property ?? usable[0]?.name ?? '');
  const type = props.columns.find((c) => c.name === property)?.type ?? 'title';
  const ops = opsFor(type);
  const [op, setOp] = useState<FilterOp>(props.filter?.op ?? ops[0]);
  const [value, setValue] = useState(props.filter?.value ?? '');
  const column = props.columns.find((c) => c.name === property);
  const options: any[] = column?.[type]?.options ?? [];
  return (
    <form
      class="filter"
      aria-label="Filter"
      onSubmit={(e) => {
        e.preventDefault();
        props.onChange({ property, op: ops.includes(op) ? op : ops[0], value });
      }}
    >
      <label>
        Filter
        <select
          aria-label="Filter property"
          value={property}
          onChange={(e) => {
            const name = (e.target as HTMLSelectElement).value;
            setProperty(name);
            setOp(opsFor(props.columns.find((c) => c.name === name)?.type)[0]);
            setValue('');
          }}
        >
          {usable.map((c) => (
            <option key={c.name} value={c.name}>{c.name}</option>
          ))}
        </select>
      </label>
      <select aria-label="Filter operator" value={op} onChange={(e) => setOp((e.target as HTMLSelectElement).value as FilterOp)}>
        {ops.map((o) => (
          <option key={o} value={o}>{o.replace(/_/g, ' ')}</option>
        ))}
      </select>
      {op !== 'is_empty' && op !== 'is_not_empty' &&
        (type === 'checkbox' ? (
          <select aria-label="Filter value" value={value} onChange={(e) => setValue((e.target as HTMLSelectElement).value)}>
            <option value="true">checked</option>
            <option value="false">not checked</option>
          </select>
        ) : options.length ? (
          <select aria-label="Filter value" value={value} onChange={(e) => setValue((e.target as HTMLSelectElement).value)}>
            <option value="">—</option>
            {options.map((o) => (
              <option key={o.name} value={o.name}>{o.name}</option>
            ))}
          </select>
        ) : (
          <input
            aria-label="Filter value"
            type={type === 'date' ? 'date' : 'text'}
            value={value}
            onInput={(e) => setValue((e.target as HTMLInputElement).value)}
          />
        ))}
      <button type="submit">Apply</button>
      {props.filter && (
        <button type="button" onClick={() => props.onChange(null)}>Clear filter</button>
      )}
    </form>
  );
}

function NewRow(props: { onAdd: (title: string) => Promise<void> }) {
  const [title, setTitle] = useState('');
  return (
    <form
      class="new-row"
      onSubmit={async (e) => {
        e.preventDefault();
        await props.onAdd(title.trim());
        setTitle('');
      }}
    >
      <input
        aria-label="New row title"
        placeholder="New row title"
        value={title}
        onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
      />
      <button type="submit">+ New row</button>
    </form>
  );
}

function Table(props: {
  columns: any[];
  rows: any[];
  titles: Map<string, string>;
  sort: Sort;
  onSort: (name: string) => void;
  onPatch: (row: any, name: string, value: any) => Promise<void>;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const measure = () => setHeight(el.clientHeight || 600);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const first = Math.max(0, Math.floor(top / ROW_H) - OVERSCAN);
  const last = Math.min(props.rows.length, Math.ceil((top + height) / ROW_H) + OVERSCAN);
  const visible = props.rows.slice(first, last);
  const widths = props.columns.map((c) => (c.type === 'title' ? 240 : c.type === 'checkbox' ? 90 : 170));
  return (
    <div
      class="scroller"
      ref={scroller}
      onScroll={(e) => setTop((e.target as HTMLDivElement).scrollTop)}
      tabIndex={0}
      aria-label="Rows"
    >
      <table class="grid" role="grid" aria-rowcount={props.rows.length + 1} style={{ width: widths.reduce((a, b) => a + b, 0) }}>
        <colgroup>
          {widths.map((w, i) => (
            <col key={i} style={{ width: w }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {props.columns.map((c) => {
              const dir = props.sort && props.sort.property === c.name ? props.sort.direction : undefined;
              return (
                <th key={c.name} scope="col" aria-sort={dir ?? 'none'}>
                  <button type="button" onClick={() => props.onSort(c.name)} title={`Sort by ${c.name}`}>
                    {c.name} <span aria-hidden="true">{dir === 'ascending' ? '↑' : dir === 'descending' ? '↓' : ''}</span>
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {first > 0 && <tr style={{ height: first * ROW_H }} aria-hidden="true" />}
          {visible.map((row, i) => (
            <Row key={row.id} row={row} index={first + i} columns={props.columns} titles={props.titles} onPatch={props.onPatch} />
          ))}
          {last < props.rows.length && <tr style={{ height: (props.rows.length - last) * ROW_H }} aria-hidden="true" />}
        </tbody>
      </table>
    </div>
  );
}

// A row is drawn again only when it changed (a write), not at every scroll step.
const Row = memo(function Row(props: {
  row: any;
  index: number;
  columns: any[];
  titles: Map<string, string>;
  onPatch: (row: any, name: string, value: any) => Promise<void>;
}) {
  const title = titleOf(props.row);
  return (
    <tr data-id={props.row.id} aria-rowindex={props.index + 2} style={{ height: ROW_H }}>
      {props.columns.map((c) => (
        <Cell key={c.name} row={props.row} title={title} column={c} titles={props.titles} onPatch={props.onPatch} />
      ))}
    </tr>
  );
});

function Cell(props: {
  row: any;
  title: string;
  column: any;
  titles: Map<string, string>;
  onPatch: (row: any, name: string, value: any) => Promise<void>;
}) {
  const { row, column } = props;
  const value = row.properties[column.name];
  const [editing, setEditing] = useState(false);
  // The editor takes the focus when it opens: `autofocus` is honoured only at page load
  // in Firefox, so a keyboard user would otherwise have to find the new field.
  const focus = useCallback((el: HTMLElement | null) => el?.focus(), []);
  const label = `${column.name} of ${props.title}`;
  if (column.type === 'checkbox') {
    return (
      <td data-prop={column.name} class="center">
        <input
          type="checkbox"
          aria-label={label}
          checked={!!value?.checkbox}
          onChange={(e) => props.onPatch(row, column.name, { checkbox: (e.target as HTMLInputElement).checked })}
        />
      </td>
    );
  }
  if ((column.type === 'select' || column.type === 'status') && editing) {
    return (
      <td data-prop={column.name}>
        <select
          aria-label={label}
          ref={focus}
          value={value?.[column.type]?.name ?? ''}
          onBlur={() => setEditing(false)}
          onChange={async (e) => {
            const name = (e.target as HTMLSelectElement).value;
            setEditing(false);
            await props.onPatch(row, column.name, { [column.type]: name ? { name } : null });
          }}
        >
          {column.type === 'select' && <option value="">—</option>}
          {column[column.type].options.map((o: any) => (
            <option key={o.id ?? o.name} value={o.name}>{o.name}</option>
          ))}
        </select>
      </td>
    );
  }
  const textual = ['title', 'rich_text', 'number', 'url', 'email', 'phone_number'].includes(column.type);
  if (textual && editing) {
    return (
      <td data-prop={column.name}>
        <input
          aria-label={label}
          ref={focus}
          defaultValue={valueText(value)}
          onBlur={() => setEditing(false)}
          onKeyDown={async (e) => {
            if (e.key === 'Escape') setEditing(false);
            if (e.key !== 'Enter') return;
            const text = (e.target as HTMLInputElement).value;
            setEditing(false);
            let body: any;
            if (column.type === 'title' || column.type === 'rich_text') body = { [column.type]: [{ text: { content: text } }] };
            else if (column.type === 'number') body = { number: text.trim() === '' ? null : Number(text) };
            else body = { [column.type]: text || null };
            await props.onPatch(row, column.name, body);
          }}
        />
      </td>
    );
  }
  const editable = textual || column.type === 'select' || column.type === 'status';
  return (
    <td
      data-prop={column.name}
      tabIndex={editable ? 0 : undefined}
      onDblClick={editable ? () => setEditing(true) : undefined}
      onKeyDown={editable ? (e) => e.key === 'Enter' && setEditing(true) : undefined}
      title={editable ? 'Double-click or Enter to edit' : undefined}
    >
      {column.type === 'title' ? (
        <span class="title-cell">
          {row.icon?.emoji ? <span aria-hidden="true">{row.icon.emoji} </span> : null}
          <span class="title-text">
            <Value value={value} />
          </span>
          <Link to={`/pages/${row.id}`} class="open" title={`Open ${props.title}`}>
            Open
          </Link>
        </span>
      ) : (
        <Value value={value} config={column} titles={props.titles} />
      )}
    </td>
  );
}
