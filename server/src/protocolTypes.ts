/**
 * The custom LSP messages of `protocol.ts` as typed `RequestType` / `NotificationType` objects,
 * imported by the extension (vscode-languageclient) and the language server alike, as vscode-eslint
 * shares its custom messages: a method name and its parameter and result shapes are written once.
 * Also the messages only the web extension needs: the worker cannot read files, so it asks the
 * extension, which reads through `vscode.workspace.fs` (github.dev's virtual file system included).
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import {
  FillTemplateRequestMethod,
  FindingCountsNotification,
  HistoryRequestMethod,
  RenderRequestMethod,
  SignRequestMethod,
  type FillTemplateParams,
  type FillTemplateResult,
  type FindingCounts,
  type HistoryParams,
  type HistoryResult,
  type RenderParams,
  type RenderResult,
  type SignParams,
  type SignResult,
} from './protocol';

/** `soapnote/render`: the report of an open note (null when the server does not have it open). */
export const RenderRequest = new RequestType<RenderParams, RenderResult | null, void>(RenderRequestMethod);

/** `soapnote/sign`: the signed text of an open note, or why it cannot be signed. */
export const SignRequest = new RequestType<SignParams, SignResult | null, void>(SignRequestMethod);

/** `soapnote/history`: the progress page of an open note's client. */
export const HistoryRequest = new RequestType<HistoryParams, HistoryResult | null, void>(HistoryRequestMethod);

/** `soapnote/fillTemplate`: "New Note" has the server fill a template (today, visit number, carried history). */
export const FillTemplateRequest = new RequestType<FillTemplateParams, FillTemplateResult | null, void>(FillTemplateRequestMethod);

/** `soapnote/findingCounts`: server -> client, with every diagnostics publish (the status bar). */
export const FindingCountsNotificationType = new NotificationType<FindingCounts>(FindingCountsNotification);

/** Parameters of {@link ReadFileRequest}. */
export interface ReadFileParams {
  uri: string;
}

/** Result of {@link ReadFileRequest}: the text (UTF-8), nothing there, or why it could not be read (too large, not UTF-8, a folder). */
export type ReadFileResult = { text: string } | { missing: true } | { problem: string };

/** `soapnote/readFile`: server -> client, a workspace file's text (config, pack, note), the editor's unsaved text when it is open. */
export const ReadFileRequest = new RequestType<ReadFileParams, ReadFileResult, void>('soapnote/readFile');

/** Parameters of {@link ListNotesRequest}. */
export interface ListNotesParams {
  /** The folder to list, as a URI. */
  folderUri: string;
}

/** Result of {@link ListNotesRequest}. */
export interface ListNotesResult {
  /** The URIs of the `*.soap.yaml` / `*.soap.yml` files under the folder. */
  uris: string[];
}

/** `soapnote/listNotes`: server -> client, the notes under a folder (the client's record and history). */
export const ListNotesRequest = new RequestType<ListNotesParams, ListNotesResult, void>('soapnote/listNotes');

/** The largest workspace file the extension hands the worker (as the Node server's limit on config and pack files). */
export const MAX_READ_BYTES = 10_000_000;

/** Parameters of {@link ReadDirectoryRequest}. */
export interface ReadDirectoryParams {
  /** The folder to list, as a URI. */
  folderUri: string;
}

/** Result of {@link ReadDirectoryRequest}: the folder's entries (name, file or folder); none when it cannot be listed. */
export interface ReadDirectoryResult {
  entries: [string, 'file' | 'directory'][];
}

/** `soapnote/readDirectory`: server -> client, a folder's entries (completing `packs:` and `templates:` in the config). */
export const ReadDirectoryRequest = new RequestType<ReadDirectoryParams, ReadDirectoryResult, void>('soapnote/readDirectory');
