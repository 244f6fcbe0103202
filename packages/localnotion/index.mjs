// The ES module entry: the same API as index.js (require('localnotion')).
import localnotion from './index.js';

export const { start, connect, binaryPath, environment, Controls, Server, Workspace } = localnotion;
export default localnotion;
