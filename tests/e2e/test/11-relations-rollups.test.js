'use strict';
// Dual relations and rollups with both SDKs. A relation created with dual_property
// gives the related database the synced property `Related to <A title> (<prop name>)`;
// linking and unlinking on one side shows on the other side's pages; rollups (count,
// sum) over the relation follow the relation and the related pages' values.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { startServer } = require('../lib/server');
const { v5, v2 } = require('../lib/clients');
const {
  text, createRootPage, createDatabase, createPageIn, schemaOf, updateSchema, relationTo,
} = require('../lib/fixtures');

let srv; const clients = {};
before(async () => {
  srv = await startServer();
  clients.v5 = v5(srv);
  clients.v2 = v2(srv);
});
after(async () => { if (srv) { await srv.stop().catch(() => {}); await srv.dispose(); } });

const SYNCED = 'Related to Tasks (Project)';
const ids = (rel) => rel.map((r) => r.id).sort();
const rollupNumber = (fn, number) => ({ type: 'number', number, function: fn });

// Projects (B): Name, Budget. Tasks (A): Name, Project (dual relation to B),
// Count = count of Project, Total = sum of Project's Budget.
async function world(version) {
  const client = clients[version];
  const root = await createRootPage(client, `Relations ${version}`);
  const projects = await createDatabase(client, version, root.id, 'Projects', {
    Name: { title: {} }, Budget: { number: {} },
  });
  const tasks = await createDatabase(client, version, root.id, 'Tasks', {
    Name: { title: {} },
    Project: relationTo(version, projects, true),
    Count: { rollup: { relation_property_name: 'Project', rollup_property_name: 'Name', function: 'count' } },
    Total: { rollup: { relation_property_name: 'Project', rollup_property_name: 'Budget', function: 'sum' } },
  });
  const project = (name, budget) => createPageIn(client, version, projects,
    { Name: { title: text(name) }, Budget: { number: budget } });
  const task = (name, props = {}) => createPageIn(client, version, tasks, { Name: { title: text(name) }, ...props });
  const patch = (page_id, properties) => client.pages.update({ page_id, properties });
  const get = (page_id) => client.pages.retrieve({ page_id });
  return { client, root, projects, tasks, project, task, patch, get };
}

function expectRelationTarget(version, cfg, target) {
  if (version === 'v5') {
    assert.equal(cfg.relation.data_source_id, target.dataSourceId);
    assert.equal(cfg.relation.database_id, target.databaseId);
  } else {
    assert.equal(cfg.relation.database_id, target.databaseId);
  }
}

for (const version of ['v5', 'v2']) {
  test(`${version}: a dual_property relation adds the synced property to the related database, paired both ways`, async () => {
    const w = await world(version);
    const a = await schemaOf(w.client, version, w.tasks);
    const b = await schemaOf(w.client, version, w.projects);
    assert.deepEqual(Object.keys(b).sort(), ['Budget', 'Name', SYNCED].sort());
    const synced = b[SYNCED];
    assert.equal(synced.type, 'relation');
    assert.equal(synced.name, SYNCED);
    assert.equal(typeof synced.id, 'string');
    expectRelationTarget(version, synced, w.tasks);
    assert.equal(synced.relation.type, 'dual_property');
    assert.deepEqual(synced.relation.dual_property, { synced_property_name: 'Project', synced_property_id: a.Project.id });

    assert.equal(a.Project.type, 'relation');
    expectRelationTarget(version, a.Project, w.projects);
    assert.equal(a.Project.relation.type, 'dual_property');
    assert.deepEqual(a.Project.relation.dual_property, { synced_property_name: SYNCED, synced_property_id: synced.id });

    // Pages of B, old and new, carry the synced property as an empty relation.
    const p = await w.project('Apollo', 1);
    const g = await w.get(p.id);
    assert.deepEqual(g.properties[SYNCED].relation, []);
    assert.equal(g.properties[SYNCED].id, synced.id);
    assert.equal(g.properties[SYNCED].type, 'relation');
    if ('has_more' in g.properties[SYNCED]) assert.equal(g.properties[SYNCED].has_more, false);
  });

  test(`${version}: linking A to B shows on B's pages; relinking and unlinking remove it; rollups follow`, async () => {
    const w = await world(version);
    const b1 = await w.project('Apollo', 100);
    const b2 = await w.project('Gemini', 250);
    const b3 = await w.project('Mercury', 7);

    const a1 = await w.task('Design', { Project: { relation: [{ id: b1.id }, { id: b2.id }] } });
    assert.deepEqual(a1.properties.Project.relation, [{ id: b1.id }, { id: b2.id }]);
    assert.deepEqual(a1.properties.Count.rollup, rollupNumber('count', 2));
    assert.deepEqual(a1.properties.Total.rollup, rollupNumber('sum', 350));
    assert.equal(a1.properties.Count.type, 'rollup');
    assert.deepEqual((await w.get(b1.id)).properties[SYNCED].relation, [{ id: a1.id }]);
    assert.deepEqual((await w.get(b2.id)).properties[SYNCED].relation, [{ id: a1.id }]);
    assert.deepEqual((await w.get(b3.id)).properties[SYNCED].relation, []);

    // A second task on b2: b2 shows both.
    const a2 = await w.task('Build');
    assert.deepEqual(a2.properties.Count.rollup, rollupNumber('count', 0));
    assert.deepEqual(a2.properties.Total.rollup, rollupNumber('sum', 0));
    const r2 = await w.patch(a2.id, { Project: { relation: [{ id: b2.id }] } });
    assert.deepEqual(r2.properties.Count.rollup, rollupNumber('count', 1));
    assert.deepEqual(r2.properties.Total.rollup, rollupNumber('sum', 250));
    assert.deepEqual(ids((await w.get(b2.id)).properties[SYNCED].relation), [a1.id, a2.id].sort());

    // Relink a1 to b2 + b3: b1 loses it, b3 gains it, rollups change.
    const r1 = await w.patch(a1.id, { Project: { relation: [{ id: b2.id }, { id: b3.id }] } });
    assert.deepEqual(r1.properties.Project.relation, [{ id: b2.id }, { id: b3.id }]);
    assert.deepEqual(r1.properties.Count.rollup, rollupNumber('count', 2));
    assert.deepEqual(r1.properties.Total.rollup, rollupNumber('sum', 257));
    assert.deepEqual((await w.get(b1.id)).properties[SYNCED].relation, []);
    assert.deepEqual(ids((await w.get(b2.id)).properties[SYNCED].relation), [a1.id, a2.id].sort());
    assert.deepEqual((await w.get(b3.id)).properties[SYNCED].relation, [{ id: a1.id }]);

    // Unlink everything from a1.
    const r0 = await w.patch(a1.id, { Project: { relation: [] } });
    assert.deepEqual(r0.properties.Project.relation, []);
    assert.deepEqual(r0.properties.Count.rollup, rollupNumber('count', 0));
    assert.deepEqual(r0.properties.Total.rollup, rollupNumber('sum', 0));
    assert.deepEqual((await w.get(b2.id)).properties[SYNCED].relation, [{ id: a2.id }]);
    assert.deepEqual((await w.get(b3.id)).properties[SYNCED].relation, []);
    const g1 = await w.get(a1.id);
    assert.deepEqual(g1.properties.Total.rollup, rollupNumber('sum', 0));
  });

  test(`${version}: writing the synced side links the A pages; A's rollups change with it`, async () => {
    const w = await world(version);
    const b1 = await w.project('Apollo', 100);
    const b2 = await w.project('Gemini', 250);
    const a1 = await w.task('Design');
    const a2 = await w.task('Build', { Project: { relation: [{ id: b2.id }] } });

    const rb = await w.patch(b1.id, { [SYNCED]: { relation: [{ id: a1.id }, { id: a2.id }] } });
    assert.deepEqual(rb.properties[SYNCED].relation, [{ id: a1.id }, { id: a2.id }]);
    const g1 = await w.get(a1.id);
    assert.deepEqual(g1.properties.Project.relation, [{ id: b1.id }]);
    assert.deepEqual(g1.properties.Count.rollup, rollupNumber('count', 1));
    assert.deepEqual(g1.properties.Total.rollup, rollupNumber('sum', 100));
    const g2 = await w.get(a2.id);
    assert.deepEqual(ids(g2.properties.Project.relation), [b1.id, b2.id].sort());
    assert.deepEqual(g2.properties.Count.rollup, rollupNumber('count', 2));
    assert.deepEqual(g2.properties.Total.rollup, rollupNumber('sum', 350));

    // Unlink a2 from the B side: only a1 remains linked to b1.
    await w.patch(b1.id, { [SYNCED]: { relation: [{ id: a1.id }] } });
    const h2 = await w.get(a2.id);
    assert.deepEqual(h2.properties.Project.relation, [{ id: b2.id }]);
    assert.deepEqual(h2.properties.Count.rollup, rollupNumber('count', 1));
    assert.deepEqual(h2.properties.Total.rollup, rollupNumber('sum', 250));
    assert.deepEqual((await w.get(a1.id)).properties.Project.relation, [{ id: b1.id }]);
  });

  test(`${version}: a sum rollup follows a change of a related page's value`, async () => {
    const w = await world(version);
    const b1 = await w.project('Apollo', 100);
    const b2 = await w.project('Gemini', 250);
    const a = await w.task('Design', { Project: { relation: [{ id: b1.id }, { id: b2.id }] } });
    assert.deepEqual(a.properties.Total.rollup, rollupNumber('sum', 350));
    await w.patch(b1.id, { Budget: { number: 40 } });
    assert.deepEqual((await w.get(a.id)).properties.Total.rollup, rollupNumber('sum', 290));
    await w.patch(b2.id, { Budget: { number: null } });
    const g = await w.get(a.id);
    assert.deepEqual(g.properties.Total.rollup, rollupNumber('sum', 40));
    assert.deepEqual(g.properties.Count.rollup, rollupNumber('count', 2));
  });

  test(`${version}: a rollup added on the synced property counts the A pages linked from the other side`, async () => {
    const w = await world(version);
    const b = await w.project('Apollo', 1);
    const schema = await updateSchema(w.client, version, w.projects, {
      'Task count': { rollup: { relation_property_name: SYNCED, rollup_property_name: 'Name', function: 'count' } },
    });
    assert.equal(schema['Task count'].type, 'rollup');
    assert.equal(schema['Task count'].rollup.function, 'count');
    assert.equal(schema['Task count'].rollup.relation_property_name, SYNCED);
    assert.equal(schema['Task count'].rollup.relation_property_id, schema[SYNCED].id);
    assert.deepEqual((await w.get(b.id)).properties['Task count'].rollup, rollupNumber('count', 0));
    const a1 = await w.task('one', { Project: { relation: [{ id: b.id }] } });
    assert.deepEqual((await w.get(b.id)).properties['Task count'].rollup, rollupNumber('count', 1));
    await w.task('two', { Project: { relation: [{ id: b.id }] } });
    assert.deepEqual((await w.get(b.id)).properties['Task count'].rollup, rollupNumber('count', 2));
    await w.patch(a1.id, { Project: { relation: [] } });
    assert.deepEqual((await w.get(b.id)).properties['Task count'].rollup, rollupNumber('count', 1));
  });
}

test('a link written through 2.x shows on the other side through 5.x', async () => {
  const w = await world('v5');
  const b = await w.project('Apollo', 5);
  const a = await w.task('cross');
  const r = await clients.v2.pages.update({ page_id: a.id, properties: { Project: { relation: [{ id: b.id }] } } });
  assert.deepEqual(r.properties.Project.relation, [{ id: b.id }]);
  assert.deepEqual(r.properties.Total.rollup, rollupNumber('sum', 5));
  assert.deepEqual((await w.get(b.id)).properties[SYNCED].relation, [{ id: a.id }]);
  const db2 = await clients.v2.databases.retrieve({ database_id: w.projects.databaseId });
  assert.equal(db2.properties[SYNCED].relation.database_id, w.tasks.databaseId);
  assert.equal(db2.properties[SYNCED].relation.type, 'dual_property');
});
