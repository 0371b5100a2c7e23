// Checks the golden SQL of lint/pushdown (testdata/sql/*.sql) with real
// grammars: dt-sql-parser's Trino, Spark SQL and PostgreSQL grammars
// (Spark's for Databricks SQL warehouses), and Apache DataFusion's
// sqlparser-rs (through @guanmingchiu/sqlparser-ts) in its PostgreSQL,
// DuckDB, Databricks and MsSql dialects. Run by .ci/run with the packages
// installed by npm in a temporary directory:
//
//	node --import ./register.mjs check.mjs DIR
//
// sqlparser-rs's MsSql dialect has no GROUPING SETS (T-SQL has had them
// since SQL Server 2008): a SQL Server statement's GROUPING SETS list is
// checked as a plain GROUP BY list of the same expressions, and the
// construct itself by every other grammar here.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { TrinoSQL, SparkSQL, PostgreSQL } from 'dt-sql-parser';
import { init, parse } from '@guanmingchiu/sqlparser-ts';

await init();
const dir = process.argv[2];
const dt = { trino: new TrinoSQL(), spark: new SparkSQL(), postgresql: new PostgreSQL() };

// The grammars each engine's file is checked with.
const grammarsOf = (file) => {
  if (file.startsWith('trino')) return [['dt', 'trino']];
  if (file.startsWith('databricks')) return [['dt', 'spark'], ['rs', 'databricks']];
  if (file.startsWith('postgres')) return [['dt', 'postgresql'], ['rs', 'postgresql']];
  if (file.startsWith('duckdb')) return [['rs', 'duckdb']];
  if (file.startsWith('sqlserver')) return [['rs', 'mssql']];
  return [];
};

// statements splits a golden file into its statements: comment lines
// dropped, each statement ending with ";" at the end of a line.
const statements = (text) => {
  const out = [];
  let cur = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('--')) continue;
    cur.push(line);
    if (line.endsWith(';')) {
      out.push(cur.join('\n').replace(/;$/, ''));
      cur = [];
    }
  }
  return out.filter((s) => s.trim() !== '');
};

// plainGroupBy turns GROUP BY GROUPING SETS ((a, b), (c)) into
// GROUP BY a, b, c (see above).
const plainGroupBy = (sql) => {
  const at = sql.indexOf('GROUPING SETS (');
  if (at < 0) return sql;
  let depth = 0;
  let i = at + 'GROUPING SETS '.length;
  const start = i;
  for (; i < sql.length; i++) {
    if (sql[i] === '(') depth++;
    if (sql[i] === ')' && --depth === 0) break;
  }
  const inner = sql.slice(start + 1, i).replace(/[()]/g, '');
  return sql.slice(0, at) + inner + sql.slice(i + 1);
};

let checked = 0;
let failed = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql')).sort()) {
  const grammars = grammarsOf(file);
  if (grammars.length === 0) {
    console.error(`${file}: no grammar for this engine`);
    failed++;
    continue;
  }
  for (const [i, sql] of statements(readFileSync(join(dir, file), 'utf8')).entries()) {
    for (const [kind, name] of grammars) {
      checked++;
      let errors = [];
      if (kind === 'dt') {
        errors = dt[name].validate(sql);
      } else {
        try {
          parse(name === 'mssql' ? plainGroupBy(sql) : sql, name);
        } catch (e) {
          errors = [{ message: String(e.message || e).split('\n')[0] }];
        }
      }
      if (errors.length > 0) {
        failed++;
        for (const e of errors.slice(0, 3)) {
          const at = e.startLine ? ` line ${e.startLine}:${e.startColumn}` : '';
          console.error(`${file}: statement ${i + 1} (${kind === 'dt' ? 'dt-sql-parser' : 'sqlparser-rs'} ${name})${at}: ${e.message}`);
        }
      }
    }
  }
}
console.log(`sql grammar: ${checked - failed} passed, ${failed} failed`);
process.exit(failed > 0 || checked === 0 ? 1 : 0);
