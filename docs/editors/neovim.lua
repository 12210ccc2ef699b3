-- soapnote for Neovim: diagnostics, completion, hover and quick fixes from `soapnote lsp --stdio`.
-- Put this file in your config (e.g. ~/.config/nvim/lua/soapnote.lua) and add `require('soapnote')`
-- to init.lua, or `:luafile` it. It needs `soapnote` on PATH (`npm install -g soapnote`, or set
-- vim.g.soapnote_cmd = { 'npx', 'soapnote', 'lsp', '--stdio' } before loading it).
-- Works with Neovim 0.7 (vim.lsp.start_client) and 0.8+ (vim.lsp.start); the project's CI runs it
-- against Debian's Neovim 0.7.
local M = {}

local function root_of(file)
  -- The folder holding .soapnote/ (the workspace's config, packs and templates), else the note's folder.
  local dir = vim.fn.fnamemodify(file, ':p:h')
  local found = vim.fn.finddir('.soapnote', dir .. ';')
  if found ~= '' then
    return vim.fn.fnamemodify(found, ':p:h:h')
  end
  return dir
end

local clients = {}

--- Starts (or reuses) the soapnote server for the note in buffer `bufnr`; returns the client id.
function M.attach(bufnr)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local root = root_of(file)
  local config = {
    name = 'soapnote',
    cmd = vim.g.soapnote_cmd or { 'soapnote', 'lsp', '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
  }
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients[root]
  if not id or vim.lsp.get_client_by_id(id) == nil then
    id = vim.lsp.start_client(config)
    clients[root] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
end

vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
  pattern = { '*.soap.yaml', '*.soap.yml' },
  callback = function(args)
    vim.bo[args.buf].filetype = 'yaml'
    M.attach(args.buf)
  end,
})

return M
