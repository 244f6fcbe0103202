/** Jest globalSetup: starts one localnotion and exports NOTION_BASE_URL, NOTION_API_KEY, LOCALNOTION_BASE_URL, LOCALNOTION_ADMIN_TOKEN. */
declare function localnotionGlobalSetup(): Promise<void>;
export = localnotionGlobalSetup;
