// Validates Kubernetes objects with the validators of the npm package kubernetes-models, which
// are generated from the Kubernetes API's OpenAPI document (types, required fields, enums).
// Usage: node validate-k8s.mjs DIR < objects.json   (DIR holds node_modules/kubernetes-models)
// Reads a JSON array of objects; prints a JSON array with, per object, the list of its errors.
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';

const root = join(process.argv[2], 'node_modules', 'kubernetes-models');
const objects = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const o of objects) {
  const version = String(o.apiVersion ?? '');
  const kind = String(o.kind ?? '');
  // core kinds ("v1") live in kubernetes-models/v1, the others in <group>/<version>
  const index = join(root, ...version.split('/'), 'index.js');
  if (!version || !existsSync(index)) {
    results.push([`apiVersion '${version}': no such API group/version in kubernetes-models`]);
    continue;
  }
  const models = await import(pathToFileURL(index));
  if (typeof models[kind] !== 'function') {
    results.push([`kind '${kind}': not a kind of ${version}`]);
    continue;
  }
  try {
    new models[kind](o).validate();
    results.push([]);
  } catch (e) {
    results.push((e.errors ?? [{ instancePath: '', message: String(e.message) }])
      .map((x) => `${x.instancePath || '/'} ${x.message}${x.params && x.params.allowedValues ? ' ' + JSON.stringify(x.params.allowedValues) : ''}`));
  }
}
process.stdout.write(JSON.stringify(results));
