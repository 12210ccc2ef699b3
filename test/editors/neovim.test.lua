-- Drives Neovim (headless) against `soapnote lsp --stdio` with the configuration users copy from
-- docs/editors/neovim.lua: diagnostics, completion, hover and a quick fix, as a user would get them.
-- Run by test/editors/run-neovim.sh, which sets SOAPNOTE_REPO and SOAPNOTE_WORKSPACE.
local repo = assert(os.getenv('SOAPNOTE_REPO'), 'SOAPNOTE_REPO')
local workspace = assert(os.getenv('SOAPNOTE_WORKSPACE'), 'SOAPNOTE_WORKSPACE')
local passed, failed = 0, 0

local function say(line)
  io.stdout:write(line .. '\n')
end

local function check(name, ok, detail)
  if ok then
    passed = passed + 1
    say('  ok - ' .. name)
  else
    failed = failed + 1
    say('  not ok - ' .. name .. (detail and (': ' .. detail) or ''))
  end
end

local function finish()
  say(string.format('%d passed, %d failed', passed, failed))
  vim.cmd((failed == 0 and passed > 0) and 'qall!' or 'cquit! 1')
end

-- Any Lua error is a failure, never a silent pass.
local ok, err = pcall(function()
  vim.g.soapnote_cmd = { 'node', repo .. '/bin/soapnote.js', 'lsp', '--stdio' }
  dofile(repo .. '/docs/editors/neovim.lua')

  local function code_of(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  local function wait_diagnostics(bufnr, want)
    vim.wait(20000, function()
      return #vim.diagnostic.get(bufnr) >= want
    end, 50)
    return vim.diagnostic.get(bufnr)
  end
  local function client_of(bufnr)
    vim.wait(10000, function()
      return next(vim.lsp.buf_get_clients(bufnr)) ~= nil
    end, 50)
    local _, client = next(vim.lsp.buf_get_clients(bufnr))
    return client
  end
  local function position(bufnr, line, col)
    return { textDocument = { uri = vim.uri_from_bufnr(bufnr) }, position = { line = line, character = col } }
  end
  local function find_line(bufnr, pattern)
    for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
      local col = text:find(pattern)
      if col then
        return i - 1, col - 1, text
      end
    end
    error('no line matches ' .. pattern)
  end

  -- 1. A contraindication: two absolute errors on the DVT note.
  vim.cmd('edit ' .. workspace .. '/dvt-calf-effleurage.soap.yaml')
  local dvt = vim.api.nvim_get_current_buf()
  local client = client_of(dvt)
  check('the soapnote client attaches to a *.soap.yaml buffer', client ~= nil and client.name == 'soapnote')
  local errors = 0
  for _, d in ipairs(wait_diagnostics(dvt, 2)) do
    if d.severity == vim.diagnostic.severity.ERROR and code_of(d) == 'contraindication.absolute' then
      errors = errors + 1
    end
  end
  check('DVT note: two contraindication.absolute errors', errors == 2, 'got ' .. vim.inspect(vim.diagnostic.get(dvt)))

  -- 2. Misspelled terms: warnings with suggestions.
  vim.cmd('edit ' .. workspace .. '/misspelled-terms.soap.yaml')
  local note = vim.api.nvim_get_current_buf()
  client = client_of(note)
  local unknown = {}
  for _, d in ipairs(wait_diagnostics(note, 2)) do
    if code_of(d) == 'vocabulary.unknown-term' then
      table.insert(unknown, d.message)
    end
  end
  check('misspelled note: two unknown-term warnings', #unknown == 2, vim.inspect(unknown))

  -- 3. Completion at the end of "efleurage" offers effleurage first, with a short detail.
  local line, col, text = find_line(note, 'technique: efleurage')
  local reply = client.request_sync('textDocument/completion', position(note, line, #text), 10000, note)
  local items = reply and reply.result and (reply.result.items or reply.result) or {}
  table.sort(items, function(a, b)
    return (a.sortText or a.label) < (b.sortText or b.label)
  end)
  check('completion offers effleurage first', items[1] ~= nil and items[1].label == 'effleurage', vim.inspect(items[1]))
  local longest = 0
  for _, item in ipairs(items) do
    longest = math.max(longest, #(item.detail or ''))
  end
  check('completion details are short enough for the menu', longest > 0 and longest <= 80, 'longest detail ' .. longest)

  -- 4. Hover on petrissage explains the technique.
  line, col = find_line(note, 'technique: petrissage')
  reply = client.request_sync('textDocument/hover', position(note, line, col + #'technique: ' + 2), 10000, note)
  local hover = reply and reply.result and reply.result.contents
  local hover_text = type(hover) == 'table' and (hover.value or vim.inspect(hover)) or tostring(hover)
  check('hover on petrissage explains it', hover_text:lower():find('petrissage', 1, true) ~= nil, hover_text)

  -- 5. The quick fix replaces efleurage with effleurage; its warning goes away.
  line, col = find_line(note, 'technique: efleurage')
  col = col + #'technique: '
  reply = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(note) },
    range = { start = { line = line, character = col }, ['end'] = { line = line, character = col + #'efleurage' } },
    context = { diagnostics = {} },
  }, 10000, note)
  local fix
  for _, action in ipairs(reply and reply.result or {}) do
    if action.edit and (action.title or ''):find('effleurage', 1, true) then
      fix = action
      break
    end
  end
  check('a quick fix offers effleurage', fix ~= nil, vim.inspect(reply))
  if fix then
    vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
    local fixed = vim.api.nvim_buf_get_lines(note, line, line + 1, false)[1]
    check('the quick fix writes effleurage', fixed:find('technique: effleurage', 1, true) ~= nil, fixed)
    vim.wait(20000, function()
      local left = 0
      for _, d in ipairs(vim.diagnostic.get(note)) do
        if code_of(d) == 'vocabulary.unknown-term' then
          left = left + 1
        end
      end
      return left == 1
    end, 50)
    local left = 0
    for _, d in ipairs(vim.diagnostic.get(note)) do
      if code_of(d) == 'vocabulary.unknown-term' then
        left = left + 1
      end
    end
    check('after the fix one unknown-term warning is left', left == 1, 'left ' .. left)
  end
end)
if not ok then
  check('the Neovim script ran to the end', false, tostring(err))
end
finish()
