import type { RuleMeta } from './types';

/**
 * Not a check on documents: the overlay check (kustomize/check.ts) gives this one finding on a
 * kustomization instead of checking an overlay it could not build in full.
 */
export const KUSTOMIZE_NOT_BUILT: RuleMeta = {
  id: 'kustomize-not-built',
  defaultSeverity: 'info',
  scope: 'document',
  summary: 'Part of a kustomization is not built in-process, so its overlay is not checked.',
  example: '# Build the remote base locally (a vendored copy under bases/) and name it as a path:\nresources:\n  - ../../bases/postgres',
  docs:
    'StatefulSet Tools builds kustomizations itself (resources, components, patches, names, namespaces, labels, annotations, replicas, images, ConfigMap and Secret generators) and checks the result. ' +
    'Remote bases, Helm charts, replacements, plugins and a patch that fails are not built: the overlay is then not checked as a whole, and this note names what was left out. The files themselves are still checked.',
};
