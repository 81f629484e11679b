import ts from 'typescript';

/**
 * Checks electronegativity misses, run on every source file under electron/ (parsed with the
 * TypeScript compiler, so comments and strings never match by accident):
 * (electronegativity itself reads only .js/.jsx/.ts/.tsx: lint-security.ts hands it .mjs/.cjs/.mts/.cts
 * files under a name it reads; these checks read every extension directly.)
 * - NODE_INTEGRATION_WITHOUT_SANDBOX: an object with `nodeIntegration` but no `sandbox` key.
 * - UNSAFE_WEB_PREFERENCE: a webPreferences value that turns a protection off.
 * - RAW_IPC_RENDERER_EXPOSED: `ipcRenderer` itself, or one of its methods, reachable through
 *   contextBridge.exposeInMainWorld (a page could then call any channel).
 * - OPEN_EXTERNAL_NOT_ALLOWLISTED: shell.openExternal with anything but a literal URL on an allowed origin.
 */
export interface Finding {
  rule: string;
  file: string;
  line: number;
  message: string;
}

/** Values that weaken a window: key → the dangerous literal. */
const UNSAFE_PREFERENCES: Record<string, boolean> = {
  nodeIntegration: true,
  nodeIntegrationInWorker: true,
  nodeIntegrationInSubFrames: true,
  contextIsolation: false,
  sandbox: false,
  webSecurity: false,
  allowRunningInsecureContent: true,
  webviewTag: true,
  experimentalFeatures: true,
};

function propertyName(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  return null;
}

function literalBoolean(node: ts.Expression): boolean | null {
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  return null;
}

/** `ipcRenderer` used as a value (not as the receiver of a call, nor passed into a wrapper function). */
function exposesIpcRenderer(root: ts.Node): ts.Node | null {
  let found: ts.Node | null = null;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node.text === 'ipcRenderer') {
      const parent = node.parent;
      // ipcRenderer.invoke('channel', …) inside a function: a call through it, fine.
      if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
        const method = parent.name.text;
        const called = ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
        if (!called || method === 'bind') found = parent; // `send: ipcRenderer.send` hands the method out
        return;
      }
      // createBridge(ipcRenderer): the wrapper decides what the page gets (and is checked by tests).
      if (node !== root && ts.isCallExpression(parent) && parent.arguments.includes(node)) return;
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

function allowedUrl(node: ts.Expression | undefined, origins: readonly string[]): boolean {
  if (!node || !(ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) return false;
  try {
    return origins.includes(new URL(node.text).origin);
  } catch {
    return false;
  }
}

export function checkSource(file: string, text: string, options: { openExternalOrigins: readonly string[] }): Finding[] {
  const findings: Finding[] = [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const at = (node: ts.Node, rule: string, message: string) =>
    findings.push({ rule, file, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1, message });

  const visit = (node: ts.Node): void => {
    if (ts.isObjectLiteralExpression(node)) {
      const keys = new Map<string, ts.ObjectLiteralElementLike>();
      for (const p of node.properties) {
        const name = p.name ? propertyName(p.name) : null;
        if (name) keys.set(name, p);
      }
      const nodeIntegration = keys.get('nodeIntegration');
      if (nodeIntegration && !keys.has('sandbox')) {
        at(nodeIntegration, 'NODE_INTEGRATION_WITHOUT_SANDBOX', 'nodeIntegration is set without an explicit sandbox key: state `sandbox: true` next to it');
      }
      for (const [key, bad] of Object.entries(UNSAFE_PREFERENCES)) {
        const p = keys.get(key);
        if (p && ts.isPropertyAssignment(p) && literalBoolean(p.initializer) === bad) {
          at(p, 'UNSAFE_WEB_PREFERENCE', `${key}: ${String(bad)} turns off a protection of the renderer`);
        }
      }
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      if (method === 'exposeInMainWorld') {
        for (const arg of node.arguments.slice(1)) {
          const leak = exposesIpcRenderer(arg);
          if (leak) at(leak, 'RAW_IPC_RENDERER_EXPOSED', 'ipcRenderer (or one of its methods) is handed to the page; expose one function per channel instead');
        }
      }
      if (method === 'openExternal' && !allowedUrl(node.arguments[0], options.openExternalOrigins)) {
        at(node, 'OPEN_EXTERNAL_NOT_ALLOWLISTED', `openExternal must get a literal URL on an allowed origin (${options.openExternalOrigins.join(', ') || 'none allowed'})`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);

  return findings;
}

export const SCANNED_EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts'];
