/**
 * Refactors offered at the cursor (code action kind `refactor.rewrite`):
 * - a Deployment whose pods share a PersistentVolumeClaim becomes a StatefulSet with
 *   volumeClaimTemplates (one claim per pod) and a headless Service;
 * - a StatefulSet without `persistentVolumeClaimRetentionPolicy` gets one, written out with the
 *   defaults so the choice is visible.
 * Multi-step rewrites are applied step by step on the text (each step re-parses), then returned as
 * one edit trimmed to the lines that changed, so nothing outside them moves.
 */
import { analyze, type Analysis, type PlacedResource } from './analyze';
import type { CodeFix } from './fixes';
import type { Span } from './types';
import { applyEditsTo, diffEdit, insertDocumentAfter, insertIntoPair, removePair, removeSeqItem, replaceScalar, yamlScalar, type TextEditData } from './yamlEdit';
import { asMap, asSeq, at, pairOf, scalarText, strValue } from './yamlTree';

export function refactorsAt(analysis: Analysis, span: Span): CodeFix[] {
  const out: CodeFix[] = [];
  const r = resourceAt(analysis, span.start);
  if (!r) return out;
  if (r.resource.kind === 'StatefulSet' && r.resource.served) {
    const spec = pairOf(r.resource.root, 'spec');
    if (spec && asMap(spec.value) && !pairOf(spec.value, 'persistentVolumeClaimRetentionPolicy')) {
      // Offered at every cursor position in such a set, so on every keystroke: written against the
      // set's own chunk, never the whole file's text (joined into one string only when read).
      const chunk = r.placed;
      const edit = insertIntoPair({ text: chunk.chunkText, offset: r.offset - chunk.offset }, spec, 'persistentVolumeClaimRetentionPolicy:\n  whenDeleted: Retain\n  whenScaled: Retain');
      const span = { start: edit.span.start + chunk.offset, end: edit.span.end + chunk.offset };
      out.push({ title: 'Add a persistentVolumeClaimRetentionPolicy (Retain, Retain)', kind: 'refactor.rewrite', edits: [{ ...edit, span }] });
    }
  }
  if (r.resource.kind === 'Deployment') {
    const fix = deploymentToStatefulSet(analysis, r);
    if (fix) out.push(fix);
  }
  return out;
}

function resourceAt(analysis: Analysis, offset: number): PlacedResource | undefined {
  return analysis.resources.find((r) => r.offset + r.resource.root.span.start <= offset && offset <= r.offset + r.resource.root.span.end);
}

interface SharedClaim {
  readonly volume: string;
  readonly claimName: string;
}

/** Deployment fields a StatefulSet does not have. */
const DEPLOYMENT_ONLY = ['strategy', 'progressDeadlineSeconds', 'paused'];

function deploymentToStatefulSet(analysis: Analysis, r: PlacedResource): CodeFix | undefined {
  const root = r.resource.root;
  const name = r.resource.name;
  const volumes = asSeq(at(root, 'spec', 'template', 'spec', 'volumes'));
  if (!name || !volumes) return undefined;
  const claims: SharedClaim[] = [];
  for (const v of volumes.items) {
    const claimName = strValue(at(v, 'persistentVolumeClaim', 'claimName'));
    const volume = strValue(at(v, 'name'));
    if (claimName && volume) claims.push({ volume, claimName });
  }
  if (claims.length === 0) return undefined;

  // Step 1, in place: kind, Deployment-only fields, the shared-claim volumes.
  const src = { text: analysis.text, offset: r.offset };
  const edits: TextEditData[] = [];
  const kind = at(root, 'kind');
  if (kind) edits.push(replaceScalar(src, kind, 'StatefulSet'));
  const spec = asMap(at(root, 'spec'));
  if (!spec) return undefined;
  for (const k of DEPLOYMENT_ONLY) {
    const p = pairOf(spec, k);
    if (p) edits.push(removePair(src, spec, p));
  }
  const podSpec = asMap(at(root, 'spec', 'template', 'spec'));
  const volumesPair = pairOf(podSpec, 'volumes');
  if (podSpec && volumesPair && claims.length === volumes.items.length) edits.push(removePair(src, podSpec, volumesPair));
  else for (const v of volumes.items) if (v && strValue(at(v, 'persistentVolumeClaim', 'claimName'))) edits.push(removeSeqItem(src, v));
  let text = applyEditsTo(analysis.text, edits);

  // Step 2: serviceName and volumeClaimTemplates at the end of spec, in the re-parsed text.
  const templates = claims.map((c) => claimTemplateYaml(analysis, c)).join('\n');
  const serviceName = name;
  const step2 = analyze(text, { settings: analysis.settings });
  const again = step2.resources.find((x) => x.resource.kind === 'StatefulSet' && x.resource.name === name && x.offset + x.resource.root.span.start >= r.offset + root.span.start - 1);
  const spec2 = again && pairOf(again.resource.root, 'spec');
  if (!again || !spec2) return undefined;
  const block = `${pairOf(spec2.value, 'serviceName') ? '' : `serviceName: ${yamlScalar(serviceName)}\n`}volumeClaimTemplates:\n${templates}`;
  text = applyEditsTo(text, [insertIntoPair({ text, offset: again.offset }, spec2, block)]);

  // Step 3: the headless Service, unless the file already has one with that name.
  const hasService = step2.resources.some((x) => x.resource.kind === 'Service' && x.resource.name === serviceName);
  if (!hasService) {
    const step3 = analyze(text, { settings: analysis.settings });
    const sts = step3.resources.find((x) => x.resource.kind === 'StatefulSet' && x.resource.name === name);
    if (sts) {
      const labels = asMap(at(sts.resource.root, 'spec', 'template', 'metadata', 'labels'));
      const lines = ['apiVersion: v1', 'kind: Service', 'metadata:', `  name: ${yamlScalar(serviceName)}`];
      if (r.resource.namespace) lines.push(`  namespace: ${yamlScalar(r.resource.namespace)}`);
      lines.push('spec:', '  clusterIP: None');
      if (labels && labels.pairs.length) {
        lines.push('  selector:');
        for (const p of labels.pairs) lines.push(`    ${yamlScalar(p.keyText)}: ${yamlScalar(scalarText(p.value) ?? '')}`);
      }
      text = applyEditsTo(text, [insertDocumentAfter(text, sts.placed.offset + sts.placed.doc.span.end, lines.join('\n'))]);
    }
  }
  const edit = diffEdit(analysis.text, text);
  if (!edit) return undefined;
  return { title: `Convert Deployment "${name}" to a StatefulSet with volumeClaimTemplates`, kind: 'refactor.rewrite', edits: [edit] };
}

/** A claim template modelled on the shared PVC when the file defines it; sensible defaults otherwise. */
function claimTemplateYaml(analysis: Analysis, c: SharedClaim): string {
  const pvc = analysis.resources.find((x) => x.resource.kind === 'PersistentVolumeClaim' && x.resource.name === c.claimName)?.resource.root;
  const modes = asSeq(at(pvc, 'spec', 'accessModes'))?.items.map((m) => scalarText(m)).filter((m): m is string => !!m) ?? [];
  const storage = scalarText(at(pvc, 'spec', 'resources', 'requests', 'storage')) ?? '1Gi';
  const cls = strValue(at(pvc, 'spec', 'storageClassName'));
  const lines = ['- metadata:', `    name: ${yamlScalar(c.volume)}`, '  spec:', `    accessModes: [${(modes.length ? modes : ['ReadWriteOnce']).map((m) => yamlScalar(m)).join(', ')}]`];
  if (cls !== undefined) lines.push(`    storageClassName: ${yamlScalar(cls)}`);
  lines.push('    resources:', '      requests:', `        storage: ${yamlScalar(storage)}`);
  return lines.join('\n');
}


