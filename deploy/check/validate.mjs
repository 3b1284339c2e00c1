// Checks the Kubernetes manifests against the schemas of the Kubernetes API and of cert-manager (kubernetes-models:
// types, required fields, enumerations, formats), one object at a time, and fails on any error, an object without
// apiVersion, kind or metadata.name, or a kind it does not know. These schemas allow fields they do not list;
// ManifestsIT fails on those (UnknownFields). Custom resources without a schema here (MongoDBCommunity) are asserted
// field by field by ManifestsIT. Run by .ci/run:
//   node deploy/check/validate.mjs target/kubernetes/kubernetes.yml deploy/*.yml
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

const MODULES = {
  'v1': 'kubernetes-models/v1',
  'apps/v1': 'kubernetes-models/apps/v1',
  'policy/v1': 'kubernetes-models/policy/v1',
  'autoscaling/v2': 'kubernetes-models/autoscaling/v2',
  'networking.k8s.io/v1': 'kubernetes-models/networking.k8s.io/v1',
  'cert-manager.io/v1': '@kubernetes-models/cert-manager/cert-manager.io/v1',
};
const CUSTOM = new Set(['mongodbcommunity.mongodb.com/v1']);

let checked = 0;
let failures = 0;
const fail = (where, message) => {
  failures++;
  console.error(`FAIL ${where}: ${message}`);
};

for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (doc.errors.length > 0) {
      fail(file, doc.errors.map((e) => e.message).join('; '));
      continue;
    }
    const object = doc.toJS();
    if (object === null || object === undefined) {
      continue;
    }
    const { apiVersion, kind } = object;
    const where = `${file}: ${kind} ${object.metadata?.name}`;
    if (!apiVersion || !kind || !object.metadata?.name) {
      fail(where, 'apiVersion, kind and metadata.name are required');
      continue;
    }
    if (CUSTOM.has(apiVersion)) {
      console.log(`skip ${where}: a custom resource (ManifestsIT asserts its fields)`);
      continue;
    }
    const module = MODULES[apiVersion];
    const Model = module && (await import(module))[kind];
    if (!Model) {
      fail(where, `no schema for ${apiVersion} ${kind}`);
      continue;
    }
    try {
      new Model(object).validate();
      checked++;
      console.log(`ok   ${where}`);
    } catch (e) {
      fail(where, (e.errors ?? [e]).map((x) => `${x.instancePath ?? ''} ${x.message}`).join('; '));
    }
  }
}
console.log(`${checked} objects valid against their schemas, ${failures} failures`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
