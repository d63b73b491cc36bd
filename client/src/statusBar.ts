/**
 * The status bar item on YAML files that hold a StatefulSet ("StatefulSet: 3 pods", opens the
 * preview), and the `statefulset.hasStatefulSet` context key the editor menus use.
 */
import * as vscode from 'vscode';
import type { IdentitiesSummary } from '../../server/src/protocol';
import { isPreviewable, type Identities } from './identities';

export const HAS_STATEFULSET_KEY = 'statefulset.hasStatefulSet';

/** "StatefulSet: 3 pods", or for a file with several, "2 StatefulSets: 5 pods". */
export function statusText(summary: IdentitiesSummary): string {
  const pods = summary.pods;
  const podText = `${pods} ${pods === 1 ? 'pod' : 'pods'}`;
  return summary.statefulSets === 1 ? `StatefulSet: ${podText}` : `${summary.statefulSets} StatefulSets: ${podText}`;
}

/** "web (3 replicas), db (1 replicas)", and how many more when the summary lists only the first few. */
function namesText(summary: IdentitiesSummary): string {
  const names = summary.first.map((e) => `${e.name} (${e.replicas} replicas)`).join(', ');
  const more = summary.statefulSets - summary.first.length;
  return more > 0 ? `${names} and ${more} more` : names;
}

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('statefulset.status', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [this.item];
  /** Answers to older requests are dropped: only the newest one describes the active editor. */
  private generation = 0;

  constructor(private readonly identities: Identities) {
    this.item.name = 'StatefulSet';
    this.item.command = 'statefulset.openPreview';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      identities.onDidChange((uri) => {
        if (vscode.window.activeTextEditor?.document.uri.toString() === uri) void this.update();
      }),
    );
    void this.update();
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc || !isPreviewable(doc)) return this.show(undefined);
    const summary = await this.identities.summary(doc.uri);
    if (generation === this.generation) this.show(summary && summary.statefulSets > 0 ? summary : undefined);
  }

  private show(result: IdentitiesSummary | undefined): void {
    void vscode.commands.executeCommand('setContext', HAS_STATEFULSET_KEY, result !== undefined);
    if (!result) {
      this.item.hide();
      return;
    }
    this.item.text = `$(layers) ${statusText(result)}`;
    this.item.tooltip = `${namesText(result)}: open the StatefulSet preview`;
    this.item.accessibilityInformation = { label: `${statusText(result)}. Open the StatefulSet preview.` };
    this.item.show();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
