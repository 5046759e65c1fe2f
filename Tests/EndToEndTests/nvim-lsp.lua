-- Headless Neovim as the LSP client of `postcheck lsp` (LanguageServerTests): opens $DRAFT, waits for diagnostics,
-- applies the preferred quick fix for the exclamation marks through Neovim's own workspace-edit code, writes the
-- file, and writes "line:col code" for each diagnostic to $RESULT.
local postcheck, draft, result = os.getenv('POSTCHECK'), os.getenv('DRAFT'), os.getenv('RESULT')
vim.cmd('edit ' .. vim.fn.fnameescape(draft))
local buf = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({ cmd = { postcheck, 'lsp' }, root_dir = vim.fn.fnamemodify(draft, ':h') })
vim.lsp.buf_attach_client(buf, client)
vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local lines, target = {}, nil
for _, diagnostic in ipairs(vim.diagnostic.get(buf)) do
  local lsp = diagnostic.user_data.lsp
  table.insert(lines, string.format('%d:%d %s', diagnostic.lnum, diagnostic.col, lsp.code))
  if lsp.code == 'postcheck.Exclamation' then target = diagnostic end
end
table.sort(lines)
if target then
  -- Neovim keeps byte columns; the request takes the server's UTF-16 positions.
  local function position(line, col)
    return { line = line, character = vim.lsp.util.character_offset(buf, line, col, 'utf-16') }
  end
  local range = { start = position(target.lnum, target.col), ['end'] = position(target.end_lnum, target.end_col) }
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, range = range,
                   context = { diagnostics = { vim.tbl_extend('force', target.user_data.lsp, { range = range }) } } }
  for _, response in pairs(vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 10000) or {}) do
    for _, action in ipairs(response.result or {}) do
      if action.isPreferred then vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16') end
    end
  end
  vim.cmd('write')
end
vim.fn.writefile(lines, result)
vim.cmd('qall!')
