import { Value } from '../cells';
import { Change, changeText, isTextChange, Part, sides, textDiff } from '../history';

// A page's change history, newest first: for each entry (one request that changed the
// page) who made it and when, then a table of its changes with each value before and
// after. Text values show the removed words in <del> and the added ones in <ins>; other
// values show whole, the old one in <del> and the new one in <ins>.
export function History(props: { entries: any[]; schema: any }) {
  const entries = [...props.entries].reverse();
  return (
    <ol class="history-list" reversed>
      {entries.map((e) => (
        <li key={e.sequence} class="history-entry">
          <p class="history-head">
            <strong>{e.action === 'created' ? 'Created' : 'Updated'}</strong> <time>{e.time}</time>
            {e.integration?.name && <> by {e.integration.name}</>}
            <span class="muted"> · request {e.request_id}</span>
          </p>
          <table class="changes" aria-label={`Change ${e.sequence}`}>
            <thead>
              <tr>
                <th scope="col">Property</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {(e.changes ?? []).map((c: Change) => (
                <ChangeRow key={c.property_id ?? c.field} change={c} config={c.property ? props.schema[c.property] : undefined} />
              ))}
            </tbody>
          </table>
        </li>
      ))}
    </ol>
  );
}

function ChangeRow(props: { change: Change; config: any }) {
  const c = props.change;
  const name = c.property ?? c.field;
  if (isTextChange(c)) {
    const { before, after } = sides(textDiff(changeText(c.before), changeText(c.after)));
    return (
      <tr data-change={name}>
        <th scope="row">{name}</th>
        <td class="before">{c.before === null ? <Nothing /> : <Text parts={before} />}</td>
        <td class="after">{c.after === null ? <Nothing /> : <Text parts={after} />}</td>
      </tr>
    );
  }
  return (
    <tr data-change={name}>
      <th scope="row">{name}</th>
      <td class="before">{c.before === null || c.before === undefined ? <Nothing /> : <del><Whole value={c.before} field={c.field} config={props.config} /></del>}</td>
      <td class="after">{c.after === null || c.after === undefined ? <Nothing /> : <ins><Whole value={c.after} field={c.field} config={props.config} /></ins>}</td>
    </tr>
  );
}

function Text(props: { parts: Part[] }) {
  return (
    <span class="text-diff">
      {props.parts.map((p, i) => (p.removed ? <del key={i}>{p.value}</del> : p.added ? <ins key={i}>{p.value}</ins> : <span key={i}>{p.value}</span>))}
    </span>
  );
}

function Whole(props: { value: any; field?: string; config: any }) {
  if (props.field !== undefined) return <span>{changeText(props.value, props.field)}</span>;
  return <Value value={props.value} config={props.config} />;
}

function Nothing() {
  return <span class="muted">—</span>;
}
