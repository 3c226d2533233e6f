// wasmcloud:postgres@0.1.1-draft (query) for jco, in memory: enough SQL for what the generated component
// runs (CREATE TABLE IF NOT EXISTS, alone or in a DO block, INSERT ... VALUES ($1), SELECT count(*) ... WHERE path = $1). Map with
//   --map 'wasmcloud:postgres/*=<abs path of this file>#*'
// The real-host suites run the same component against a real PostgreSQL server; this stands in for the
// sqldb-postgres provider of wasmCloud 1.x, which cannot run here. Any other statement is an error the
// component must report as a line. Each call is recorded, e.g. {"kind":"postgres","op":"query","sql":"..."}.
import { HostError, record } from '../../../../test/support/hosts/record.js';

/** table name -> array of rows (each row: column name -> value) */
const tables = new Map();

function text(params, index) {
  const param = params[index];
  if (!param || param.tag !== 'text') throw new HostError({ tag: 'invalid-params', val: `parameter $${index + 1} is not text` });
  return param.val;
}

function run(sql, params) {
  let m;
  if ((m = /^(?:DO \$\$ BEGIN )?CREATE TABLE IF NOT EXISTS (\w+) \(/i.exec(sql))) {
    if (!tables.has(m[1])) tables.set(m[1], []);
    return [];
  }
  if ((m = /^INSERT INTO (\w+) \((\w+)\) VALUES \(\$1\)$/i.exec(sql))) {
    const table = tables.get(m[1]);
    if (!table) throw new HostError({ tag: 'invalid-query', val: `relation "${m[1]}" does not exist` });
    table.push({ [m[2]]: text(params, 0) });
    return [];
  }
  if ((m = /^SELECT count\(\*\) FROM (\w+) WHERE (\w+) = \$1$/i.exec(sql))) {
    const table = tables.get(m[1]);
    if (!table) throw new HostError({ tag: 'invalid-query', val: `relation "${m[1]}" does not exist` });
    const value = text(params, 0);
    const count = table.filter((row) => row[m[2]] === value).length;
    return [[{ columnName: 'count', value: { tag: 'int8', val: BigInt(count) } }]];
  }
  throw new HostError({ tag: 'invalid-query', val: `this test host does not run: ${sql}` });
}

export const query = {
  query(sql, params) {
    record({ kind: 'postgres', op: 'query', sql, params: params.map((p) => p.val) });
    return run(sql, params);
  },
  queryBatch(sql) {
    record({ kind: 'postgres', op: 'query-batch', sql });
    run(sql, []);
  },
};
