import type { ExtensionContext } from 'vscode';

// The client arrives with the VS Code extension issue; activation does nothing until then.
export function activate(_context: ExtensionContext): void {}

export function deactivate(): void {}
