// Lint Cypher with Neo4j's own parser and semantic analysis (npm @neo4j-cypher/language-support).
//
// stdin:  {"queries": ["MATCH ...", ...],
//          "schema": {"labels": [...], "relationshipTypes": [...], "propertyKeys": [...],
//                     "graphSchema": [{"from": "Area", "to": "Area", "relType": "PART_OF"}, ...]},
//          "cypherVersions": ["CYPHER 5", "CYPHER 25"]}            (optional; default both)
// stdout: {"results": [{"query": i, "version": "CYPHER 5",
//                       "diagnostics": [{"severity": "error"|"warning"|..., "message", "line", "column"}]}]}
//
// Functions and procedures are checked against Neo4j's built-ins only (the mock registry that
// ships with the package, minus APOC and GDS), so a call to anything else is an error.
// "Parameter $x is not defined" is dropped: parameters are supplied at run time.
import { lintCypherQuery, isNotParamError, testData } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

function builtIns(registry, keep) {
  const out = {};
  for (const [version, entries] of Object.entries(registry ?? {})) {
    out[version] = Object.fromEntries(Object.entries(entries).filter(([name, entry]) => keep(name, entry)));
  }
  return out;
}

const notPlugin = (name) => !name.startsWith('apoc.') && !name.startsWith('gds.');
const functions = builtIns(testData.mockSchema.functions, (name, fn) => fn.isBuiltIn && notPlugin(name));
const procedures = builtIns(testData.mockSchema.procedures, (name) => notPlugin(name));

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

const input = JSON.parse(await readStdin());
const versions = input.cypherVersions ?? ['CYPHER 5', 'CYPHER 25'];
const results = [];
input.queries.forEach((query, i) => {
  for (const version of versions) {
    const schema = { ...input.schema, functions, procedures, defaultLanguage: version };
    const { diagnostics } = lintCypherQuery(query, schema);
    results.push({
      query: i,
      version,
      diagnostics: diagnostics.filter(isNotParamError).map((d) => ({
        severity: SEVERITY[d.severity] ?? String(d.severity),
        message: d.message,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
      })),
    });
  }
});
process.stdout.write(JSON.stringify({ results }) + '\n');
