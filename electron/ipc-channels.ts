/**
 * Channel names needed at runtime by the preload. Kept apart from ipc-contract.ts (which builds zod
 * schemas) so the sandboxed preload bundle stays free of zod; the preload imports the contract for
 * types only.
 */
export const MENU_COMMAND_CHANNEL = 'menu:command';

/** Main → renderer push channel for training frames; payload is an EngineMessage. */
export const ENGINE_MESSAGE_CHANNEL = 'engine:message';
