/** Vitest globalSetup: starts one localnotion, exports its environment, provides "localnotion"; returns the teardown. */
export default function localnotionGlobalSetup(context?: {
  provide?: (key: string, value: unknown) => void;
}): Promise<() => Promise<void>>;
