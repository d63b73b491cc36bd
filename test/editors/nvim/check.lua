-- Drives Neovim's own LSP client the way a user's config does, for test/editors/neovim.test.ts.
-- Run: STS_PLAN=plan.json nvim --headless -u NONE -i NONE -n -c 'luafile check.lua'
-- The plan names the user config to load (the docs' snippet), the file to open, the positions to
-- ask about and where to write the JSON result. Positions go to the server as LSP positions
-- (UTF-16); the result keeps the server's raw answers, plus what vim.diagnostic made of them.
local plan = vim.fn.json_decode(table.concat(vim.fn.readfile(vim.env.STS_PLAN), '\n'))
local result = { nvim = tostring(vim.version().major .. '.' .. vim.version().minor .. '.' .. vim.version().patch) }

local function write_result()
  vim.fn.writefile({ vim.fn.json_encode(result) }, plan.output)
end

local function wait_for(what, condition)
  if not vim.wait(plan.timeoutMs, condition, 10) then
    error(('timed out after %d ms waiting for %s'):format(plan.timeoutMs, what), 0)
  end
end

-- Every publishDiagnostics as the server sent it: vim.diagnostic holds byte columns, the server's
-- ranges are UTF-16, and the test compares those exactly.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  table.insert(published, params)
  return default_publish(err, params, ctx, config)
end

local progress = {}
local default_progress = vim.lsp.handlers['$/progress']
vim.lsp.handlers['$/progress'] = function(err, params, ctx, config)
  if params and params.value and (params.value.kind == 'begin' or params.value.kind == 'end') then
    table.insert(progress, { kind = params.value.kind, title = params.value.title })
  end
  return default_progress(err, params, ctx, config)
end

local function latest_for(uri, after)
  for i = #published, (after or 0) + 1, -1 do
    if published[i].uri == uri then return published[i], i end
  end
end

local function codes_of(params)
  local codes = {}
  for _, d in ipairs(params.diagnostics) do codes[d.code] = true end
  return codes
end

local function request(bufnr, method, params)
  local answers, err = vim.lsp.buf_request_sync(bufnr, method, params, plan.timeoutMs)
  if not answers then error(method .. ': ' .. tostring(err), 0) end
  for _, answer in pairs(answers) do
    if answer.err then error(method .. ': ' .. vim.fn.json_encode(answer.err), 0) end
    return answer.result == nil and vim.NIL or answer.result
  end
  return vim.NIL
end

local function run()
  -- What every user's Neovim does before reading init.lua, and -u NONE skips.
  vim.cmd('filetype on')
  dofile(plan.init)
  vim.cmd('edit ' .. vim.fn.fnameescape(plan.file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  result.filetype = vim.bo[bufnr].filetype

  local client
  wait_for('a client attached to ' .. plan.file, function()
    local _, attached = next(vim.lsp.buf_get_clients(bufnr))
    client = attached
    return client ~= nil and client.initialized == true
  end)
  result.client = { name = client.name, root_dir = client.config.root_dir or vim.NIL, offset_encoding = client.offset_encoding }

  -- Workspace findings come only once the server has indexed the workspace.
  local ready, ready_index
  wait_for('diagnostics with ' .. table.concat(plan.waitFor, ', '), function()
    ready, ready_index = latest_for(uri)
    if not ready then return false end
    local codes = codes_of(ready)
    for _, code in ipairs(plan.waitFor) do
      if not codes[code] then return false end
    end
    return true
  end)
  result.diagnostics = ready.diagnostics
  result.progress = progress
  result.vimDiagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.vimDiagnostics, { code = d.code, lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, severity = d.severity })
  end

  local at = function(position) return { textDocument = { uri = uri }, position = position } end
  result.hover = request(bufnr, 'textDocument/hover', at(plan.hover))
  local completion = request(bufnr, 'textDocument/completion', at(plan.completion))
  result.completion = completion.items or completion
  result.definition = request(bufnr, 'textDocument/definition', at(plan.definition))

  -- Settings changed at run time: Neovim answers the server's workspace/configuration from
  -- client.config.settings once the server is told they changed.
  client.config.settings = plan.settings
  client.notify('workspace/didChangeConfiguration', { settings = plan.settings })
  local changed
  wait_for('diagnostics after the settings change', function()
    changed = latest_for(uri, ready_index)
    return changed ~= nil
  end)
  result.diagnosticsAfterSettings = changed.diagnostics

  local id = client.id
  vim.lsp.stop_client(id)
  wait_for('the server to exit', function() return vim.lsp.get_client_by_id(id) == nil end)

  -- Anything Neovim's LSP client complained about (a bad message, the server's stderr, a
  -- warning or error the server logged) lands in its log at WARN or above.
  result.logProblems = {}
  local log = vim.lsp.get_log_path()
  if vim.fn.filereadable(log) == 1 then
    for _, line in ipairs(vim.fn.readfile(log)) do
      if line:match('^%[WARN%]') or line:match('^%[ERROR%]') then table.insert(result.logProblems, line) end
    end
  end
end

local ok, err = xpcall(run, debug.traceback)
if not ok then result.error = err end
write_result()
vim.cmd(ok and 'qall!' or 'cquit! 1')
