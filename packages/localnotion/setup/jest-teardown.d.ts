/** Jest globalTeardown: stops the server localnotion/jest-setup started. */
declare function localnotionGlobalTeardown(): Promise<void>;
export = localnotionGlobalTeardown;
