import { z } from 'zod';
import {
  DocumentState,
  ExportRequest,
  type OpenedFile,
  type RecentFile,
  SaveRequest,
  type SaveResult,
  TextEditAction,
} from '../core/protocol/host';
import { ControlCommand, RunOptions } from '../core/protocol/engine';
import { PredictCommand, type PredictAnswer } from '../core/protocol/predict';

/**
 * The single source of truth for renderer → main IPC. Main registers one handler per key and validates
 * the arguments with `args`; the preload derives one typed function per key. Adding a channel here is
 * the only way to add one, so the two sides cannot drift apart.
 *
 * `result` is a phantom: it only carries the TypeScript type of what the handler resolves to (results
 * come from our own main process and need no runtime check).
 */
interface ChannelSpec<Args extends z.ZodTuple, Result> {
  readonly args: Args;
  readonly result?: Result;
}

const channel =
  <Result>() =>
  <Args extends z.ZodTuple>(args: Args): ChannelSpec<Args, Result> => ({ args });

/** Documents and recovery snapshots larger than this are refused before they touch the disk. */
export const MAX_TEXT_CHARS = 64 * 1024 * 1024;
const Text = z.string().max(MAX_TEXT_CHARS);
const AbsolutePathArg = z.string().min(1, 'path must not be empty');

export const IPC_CONTRACT = {
  'file:open': channel<OpenedFile | null>()(z.tuple([])),
  'file:open-recent': channel<OpenedFile | null>()(z.tuple([AbsolutePathArg])),
  'recent:list': channel<RecentFile[]>()(z.tuple([])),
  'file:save': channel<SaveResult | null>()(z.tuple([SaveRequest.extend({ text: Text })])),
  'file:export': channel<boolean>()(z.tuple([ExportRequest.extend({ contents: Text })])),
  'recovery:write': channel<void>()(z.tuple([Text])),
  'recovery:read': channel<string | null>()(z.tuple([])),
  'recovery:clear': channel<void>()(z.tuple([])),
  'document:set-state': channel<void>()(z.tuple([DocumentState])),
  'engine:start': channel<void>()(z.tuple([z.string().min(1).max(100), z.unknown(), RunOptions])),
  'engine:command': channel<void>()(z.tuple([ControlCommand])),
  'engine:predict': channel<PredictAnswer>()(z.tuple([PredictCommand])),
  'runs:save': channel<boolean>()(z.tuple([AbsolutePathArg.optional(), Text])),
  'runs:read': channel<string | null>()(z.tuple([AbsolutePathArg])),
  'edit:text': channel<void>()(z.tuple([TextEditAction])),
} as const;

export type InvokeChannel = keyof typeof IPC_CONTRACT;
export type InvokeArgs<C extends InvokeChannel> = z.infer<(typeof IPC_CONTRACT)[C]['args']>;
export type InvokeResult<C extends InvokeChannel> =
  (typeof IPC_CONTRACT)[C] extends ChannelSpec<z.ZodTuple, infer Result> ? Result : never;

export const INVOKE_CHANNELS = Object.keys(IPC_CONTRACT) as InvokeChannel[];

/** Main → renderer push channel for native menu items; payload is a MenuCommand. */
export { ENGINE_MESSAGE_CHANNEL, MENU_COMMAND_CHANNEL } from './ipc-channels';
