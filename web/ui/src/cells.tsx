// How each property value shows in a table cell or a page's property list, typed as
// Notion shows it (https://developers.notion.com/reference/page-property-values).
import { Link } from './router';
import { colorClass, formatDate, formatNumber, formulaText, RichText, safeHref } from './notion';

export function Rich(props: { text: RichText[] | undefined }) {
  return (
    <>
      {(props.text ?? []).map((r, i) => {
        const a = r.annotations ?? {};
        let node: any = r.plain_text ?? r.text?.content ?? '';
        if (a.code) node = <code>{node}</code>;
        if (a.bold) node = <strong>{node}</strong>;
        if (a.italic) node = <em>{node}</em>;
        if (a.strikethrough) node = <s>{node}</s>;
        if (a.underline) node = <u>{node}</u>;
        const href = safeHref(r.href ?? r.text?.link?.url);
        if (href) node = <a href={href} target="_blank" rel="noreferrer noopener">{node}</a>;
        const color = a.color && a.color !== 'default' ? `t-${a.color}` : undefined;
        return <span key={i} class={color}>{node}</span>;
      })}
    </>
  );
}

export function Chip(props: { name: string; color?: string }) {
  return <span class={`chip ${colorClass(props.color)}`}>{props.name}</span>;
}

function People(props: { people: any[] }) {
  return (
    <>
      {props.people.map((p) => (
        <span key={p.id} class="person" title={p.person?.email ?? p.id}>
          {p.name ?? p.id.slice(0, 8)}
        </span>
      ))}
    </>
  );
}

function Files(props: { files: any[] }) {
  return (
    <>
      {props.files.map((f, i) => {
        const url = safeHref(f.file?.url ?? f.external?.url ?? f.file_upload?.url);
        return url ? (
          <a key={i} class="file" href={url} target="_blank" rel="noreferrer noopener">{f.name ?? 'file'}</a>
        ) : (
          <span key={i} class="file">{f.name ?? 'file'}</span>
        );
      })}
    </>
  );
}

export function Value(props: { value: any; config?: any; titles?: Map<string, string> }) {
  const v = props.value;
  if (!v) return null;
  switch (v.type) {
    case 'title':
    case 'rich_text':
      return <Rich text={v[v.type]} />;
    case 'number':
      return <span class="num">{formatNumber(v.number, props.config?.number?.format)}</span>;
    case 'select':
    case 'status':
      return v[v.type] ? <Chip name={v[v.type].name} color={v[v.type].color} /> : null;
    case 'multi_select':
      return (
        <>
          {v.multi_select.map((o: any) => (
            <Chip key={o.id ?? o.name} name={o.name} color={o.color} />
          ))}
        </>
      );
    case 'checkbox':
      return <span aria-label={v.checkbox ? 'checked' : 'not checked'}>{v.checkbox ? '☑' : '☐'}</span>;
    case 'date':
      return <time>{formatDate(v.date)}</time>;
    case 'people':
      return <People people={v.people} />;
    case 'created_by':
    case 'last_edited_by':
      return <People people={[v[v.type]]} />;
    case 'created_time':
    case 'last_edited_time':
      return <time>{v[v.type]}</time>;
    case 'relation':
      return (
        <>
          {v.relation.map((r: any) => (
            <Link key={r.id} to={`/pages/${r.id}`} class="relation">
              ↗ {props.titles?.get(r.id) ?? r.id.slice(0, 8)}
            </Link>
          ))}
        </>
      );
    case 'formula':
      return <span class="formula">{formulaText(v.formula)}</span>;
    case 'rollup': {
      const r = v.rollup;
      if (!r) return null;
      if (r.type === 'number') return <span class="num">{formatNumber(r.number)}</span>;
      if (r.type === 'date') return <time>{formatDate(r.date)}</time>;
      if (r.type === 'array')
        return (
          <>
            {r.array.map((x: any, i: number) => (
              <span key={i} class="rollup-item">
                <Value value={x} />
              </span>
            ))}
          </>
        );
      return <span>{String(r[r.type] ?? '')}</span>;
    }
    case 'files':
      return <Files files={v.files} />;
    case 'url':
      if (!v.url) return null;
      return safeHref(v.url) ? (
        <a href={safeHref(v.url)} target="_blank" rel="noreferrer noopener">{v.url}</a>
      ) : (
        <span>{v.url}</span>
      );
    case 'email':
      return v.email ? <a href={`mailto:${encodeURIComponent(v.email)}`}>{v.email}</a> : null;
    case 'phone_number':
      return <span>{v.phone_number ?? ''}</span>;
    case 'unique_id':
      return <span>{v.unique_id?.prefix ? `${v.unique_id.prefix}-` : ''}{v.unique_id?.number}</span>;
    case 'verification':
      return <span>{v.verification?.state ?? ''}</span>;
    default:
      return <span class="muted">{v.type}</span>;
  }
}
