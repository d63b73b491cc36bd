/**
 * The theme colours VS Code gives a webview (`--vscode-*` variables), for the variables the preview
 * uses, in four themes: Dark Modern and Light Modern (the defaults), High Contrast and High
 * Contrast Light. Values from VS Code's own sources as shipped in the code-server the e2e tests
 * run (extensions/theme-defaults/themes/*.json for the modern themes, the colour registry's
 * defaults per theme kind in the workbench for everything a theme file does not set). A colour the
 * registry leaves undefined for a theme kind (null there, such as contrastBorder outside high
 * contrast or button.secondaryBackground in High Contrast) is left out, as VS Code leaves it out:
 * the stylesheet's fallback is what shows then, and what the test measures.
 */
import type { Page } from 'playwright-core';

export interface Theme {
  readonly name: string;
  /** The body classes VS Code sets for the theme's kind. */
  readonly classes: readonly string[];
  readonly colors: Readonly<Record<string, string>>;
}

export const THEMES: readonly Theme[] = [
  {
    name: 'Dark Modern',
    classes: ['vscode-dark'],
    colors: {
      foreground: '#cccccc',
      descriptionForeground: '#9d9d9d',
      'editor-background': '#1f1f1f',
      'editorWidget-background': '#202020',
      'panel-border': '#2b2b2b',
      'editorWarning-foreground': '#cca700',
      'editorInfo-foreground': '#59a4f9',
      'editorError-foreground': '#f14c4c',
      'charts-green': '#89d185',
      'badge-background': '#616161',
      'badge-foreground': '#f8f8f8',
      'textLink-foreground': '#4daafc',
      'textLink-activeForeground': '#4daafc',
      'button-background': '#0078d4',
      'button-foreground': '#ffffff',
      'button-border': '#ffffff1a',
      'button-hoverBackground': '#026ec1',
      'button-secondaryBackground': '#00000000',
      'button-secondaryForeground': '#cccccc',
      'input-background': '#313131',
      'input-foreground': '#cccccc',
      'input-border': '#3c3c3c',
      'dropdown-border': '#3c3c3c',
      focusBorder: '#0078d4',
      'textPreformat-foreground': '#d0d0d0',
      'textPreformat-background': '#3c3c3c',
    },
  },
  {
    name: 'Light Modern',
    classes: ['vscode-light'],
    colors: {
      foreground: '#3b3b3b',
      descriptionForeground: '#3b3b3b',
      'editor-background': '#ffffff',
      'editorWidget-background': '#f8f8f8',
      'panel-border': '#e5e5e5',
      'editorWarning-foreground': '#bf8803',
      'editorInfo-foreground': '#0063d3',
      'editorError-foreground': '#e51400',
      'charts-green': '#388a34',
      'badge-background': '#cccccc',
      'badge-foreground': '#3b3b3b',
      'textLink-foreground': '#005fb8',
      'textLink-activeForeground': '#005fb8',
      'button-background': '#005fb8',
      'button-foreground': '#ffffff',
      'button-border': '#0000001a',
      'button-hoverBackground': '#0258a8',
      'button-secondaryBackground': '#e5e5e5',
      'button-secondaryForeground': '#3b3b3b',
      'input-background': '#ffffff',
      'input-foreground': '#3b3b3b',
      'input-border': '#cecece',
      'dropdown-border': '#cecece',
      focusBorder: '#005fb8',
      'textPreformat-foreground': '#3b3b3b',
      'textPreformat-background': '#0000001f',
    },
  },
  {
    name: 'High Contrast',
    classes: ['vscode-high-contrast'],
    colors: {
      foreground: '#ffffff',
      descriptionForeground: '#ffffffb3',
      'editor-background': '#000000',
      'editorWidget-background': '#0c141f',
      'panel-border': '#6fc3df',
      'editorWarning-foreground': '#ffd370',
      'editorInfo-foreground': '#59a4f9',
      'editorError-foreground': '#f48771',
      'charts-green': '#89d185',
      'badge-background': '#000000',
      'badge-foreground': '#ffffff',
      'textLink-foreground': '#21a6ff',
      'textLink-activeForeground': '#21a6ff',
      'button-background': '#000000',
      'button-foreground': '#ffffff',
      'button-border': '#6fc3df',
      'button-secondaryForeground': '#ffffff',
      'input-background': '#000000',
      'input-foreground': '#ffffff',
      'input-border': '#6fc3df',
      'dropdown-border': '#6fc3df',
      focusBorder: '#f38518',
      contrastBorder: '#6fc3df',
      contrastActiveBorder: '#f38518',
      'textPreformat-foreground': '#ffffff',
    },
  },
  {
    name: 'High Contrast Light',
    classes: ['vscode-high-contrast', 'vscode-high-contrast-light'],
    colors: {
      foreground: '#292929',
      descriptionForeground: '#292929b3',
      'editor-background': '#ffffff',
      'editorWidget-background': '#ffffff',
      'panel-border': '#0f4a85',
      'editorWarning-foreground': '#895503',
      'editorInfo-foreground': '#0063d3',
      'editorError-foreground': '#b5200d',
      'charts-green': '#374e06',
      'badge-background': '#0f4a85',
      'badge-foreground': '#ffffff',
      'textLink-foreground': '#0f4a85',
      'textLink-activeForeground': '#0f4a85',
      'button-background': '#0f4a85',
      'button-foreground': '#ffffff',
      'button-border': '#0f4a85',
      'button-secondaryBackground': '#ffffff',
      'button-secondaryForeground': '#292929',
      'input-background': '#ffffff',
      'input-foreground': '#292929',
      'input-border': '#0f4a85',
      'dropdown-border': '#0f4a85',
      focusBorder: '#006bbd',
      contrastBorder: '#0f4a85',
      contrastActiveBorder: '#006bbd',
      'textPreformat-foreground': '#ffffff',
      'textPreformat-background': '#09345f',
    },
  },
];

/** Sets the theme's variables and body classes as VS Code does; undefined: none at all. */
export async function applyTheme(page: Page, theme: Theme | undefined): Promise<void> {
  await page.evaluate((th) => {
    const root = document.documentElement;
    for (const name of Array.from({ length: root.style.length }, (_, i) => root.style[i]).filter((n) => n.startsWith('--vscode-'))) root.style.removeProperty(name);
    document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast', 'vscode-high-contrast-light');
    if (!th) return;
    for (const [k, v] of Object.entries(th.colors)) root.style.setProperty(`--vscode-${k}`, v);
    document.body.classList.add(...th.classes);
  }, theme ? { colors: theme.colors, classes: [...theme.classes] } : undefined);
}

export interface Failure {
  readonly text: string;
  readonly ratio: number;
  readonly needed: number;
  readonly color: string;
  readonly background: string;
}

/** Every visible text on the page whose contrast with what is behind it is below AA, and the lowest ratio seen. */
export function lowContrast(page: Page): Promise<{ failures: Failure[]; lowest: number }> {
  return page.evaluate(() => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA => {
      const n = (c.match(/[\d.]+/g) ?? []).map(Number);
      return [n[0] ?? 0, n[1] ?? 0, n[2] ?? 0, n.length > 3 ? n[3] : 1];
    };
    const over = (top: RGBA, bottom: RGBA): RGBA => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      const mix = (i: number): number => (a === 0 ? 0 : (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a);
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = (c: RGBA): number => {
      const ch = (v: number): number => {
        const s = v / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * ch(c[0]) + 0.7152 * ch(c[1]) + 0.0722 * ch(c[2]);
    };
    const hex = (c: RGBA): string => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;
    /** What the element is drawn on: the backgrounds from the page's canvas (white) inwards, and the opacity along the way. */
    const behind = (el: Element): { bg: RGBA; opacity: number } => {
      const chain: Element[] = [];
      for (let e: Element | null = el; e; e = e.parentElement) chain.unshift(e);
      let bg: RGBA = [255, 255, 255, 1];
      let opacity = 1;
      for (const e of chain) {
        const s = getComputedStyle(e);
        bg = over(parse(s.backgroundColor), bg);
        opacity *= Number(s.opacity);
      }
      return { bg, opacity };
    };
    const out: Failure[] = [];
    let lowest = Infinity;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el || el.closest('[hidden], .visually-hidden, button:disabled, select:disabled, input:disabled, script, style')) continue;
      if (el.getClientRects().length === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const s = getComputedStyle(el);
      const { bg, opacity } = behind(el);
      const fg = parse(s.color);
      const drawn = over([fg[0], fg[1], fg[2], fg[3] * opacity], bg);
      const [l1, l2] = [luminance(drawn), luminance(bg)].sort((a, b) => b - a);
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(s.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
      const needed = large ? 3 : 4.5;
      if (!large) lowest = Math.min(lowest, ratio);
      if (ratio < needed) out.push({ text: text.slice(0, 60), ratio: Math.round(ratio * 100) / 100, needed, color: hex(drawn), background: hex(bg) });
    }
    return { failures: out, lowest: Math.round(lowest * 100) / 100 };
  });
}
