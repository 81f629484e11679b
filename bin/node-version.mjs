// The Node versions NetLoom runs on, checked before anything else loads: Vite 8 (browser mode, the
// renderer build) needs ^20.19 or >= 22.12, and so does package.json "engines". On an older Node the
// failure would otherwise be an obscure syntax or module error deep inside a dependency.
export const NODE_REQUIREMENT = '^20.19.0 || >=22.12.0';

/** null when `version` (e.g. "20.19.1") is supported, otherwise the message to print. */
export function unsupportedNodeMessage(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  const ok = (major === 20 && minor >= 19) || (major === 22 && minor >= 12) || major > 22;
  if (ok) return null;
  return `NetLoom needs Node.js 20.19 or newer in the 20 line, or 22.12 or newer (this is Node ${version}). ` +
    'Install a current LTS from https://nodejs.org/ and run the command again.';
}
