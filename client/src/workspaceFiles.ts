import * as vscode from 'vscode';
import { decodeNoteBytes } from '../../server/src/core/encoding';
import { MAX_READ_BYTES, type ListNotesParams, type ListNotesResult, type ReadDirectoryParams, type ReadDirectoryResult, type ReadFileParams, type ReadFileResult } from '../../server/src/protocolTypes';

/** More notes than this are not listed to the worker (as "Check All Notes" stops at 2000). */
const MAX_LISTED_NOTES = 5000;

/**
 * Answers the worker's `soapnote/readFile` through `vscode.workspace.fs`, so a virtual file system
 * (github.dev) works: the editor's text when the file is open, else the saved bytes, decoded as the
 * Node server decodes them (UTF-8 only, BOM dropped; anything else is a problem, never a guess).
 */
export async function readWorkspaceFile(params: ReadFileParams): Promise<ReadFileResult> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === params.uri);
  if (open) {
    return { text: open.getText() };
  }
  const uri = vscode.Uri.parse(params.uri, true);
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch (error) {
    return error instanceof vscode.FileSystemError && error.code === 'FileNotFound' ? { missing: true } : { problem: error instanceof Error ? error.message : String(error) };
  }
  if ((stat.type & vscode.FileType.File) === 0) {
    return { problem: 'it is not a file' };
  }
  if (stat.size > MAX_READ_BYTES) {
    return { problem: `it is over ${MAX_READ_BYTES / 1_000_000} MB, the most soapnote reads of a workspace file` };
  }
  try {
    const decoded = decodeNoteBytes(await vscode.workspace.fs.readFile(uri));
    return 'text' in decoded ? decoded : { problem: decoded.finding.message };
  } catch (error) {
    return { problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Answers the worker's `soapnote/listNotes`: the notes under a folder, found with `workspace.findFiles` (not node_modules). */
export async function listWorkspaceNotes(params: ListNotesParams): Promise<ListNotesResult> {
  const folder = vscode.Uri.parse(params.folderUri, true);
  const found = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.soap.{yaml,yml}'), '**/node_modules/**', MAX_LISTED_NOTES);
  return { uris: found.map((u) => u.toString()) };
}

/** Answers the worker's `soapnote/readDirectory` through `vscode.workspace.fs` (files and folders only; none when the folder cannot be read). */
export async function readWorkspaceDirectory(params: ReadDirectoryParams): Promise<ReadDirectoryResult> {
  try {
    const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(params.folderUri, true));
    return {
      entries: entries.flatMap(([name, type]): [string, 'file' | 'directory'][] =>
        (type & vscode.FileType.Directory) !== 0 ? [[name, 'directory']] : (type & vscode.FileType.File) !== 0 ? [[name, 'file']] : []),
    };
  } catch {
    return { entries: [] };
  }
}
