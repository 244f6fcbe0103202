// The ES module entry: the same API as index.js (require('localnotion')).
import localnotion from './index.js';

export const { start, connect, binaryPath, environment, Server, Workspace } = localnotion;
export default localnotion;
