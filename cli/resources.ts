// The Node resource loader is shared with the desktop app's engine worker; it lives in node/resources.ts.
export { createNodeResources } from '../node/resources';
