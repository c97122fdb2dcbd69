"""A real editor: headless Neovim runs the server, opens a Markdown file and reports what it got.

Needs Debian's ``neovim`` package (0.7 on bookworm; ``.ci/run`` installs it). Neovim 0.7 has no
``vim.lsp.start`` (0.8+), so the init file uses it when present and ``vim.lsp.start_client`` with
``buf_attach_client`` otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

from lsp_helpers import SERVER

from conftest import run_neovim

INIT_LUA = r"""
local out = vim.env.BYL_OUT
local function finish(result)
  local fh = io.open(out, "w")
  fh:write(vim.fn.json_encode(result))
  fh:close()
  vim.cmd("qall!")
end

local ok, err = pcall(function()
  local cmd = vim.fn.json_decode(vim.env.BYL_CMD)
  vim.cmd("edit " .. vim.fn.fnameescape(vim.env.BYL_FILE))
  local bufnr = vim.api.nvim_get_current_buf()
  local config = {
    name = "backyard-lint",
    cmd = cmd,
    root_dir = vim.env.BYL_ROOT,
    init_options = { debounceMs = 50 },
    settings = { ["backyard-lint"] = { showMentions = false } },
  }
  local how
  if vim.lsp.start then
    how = "vim.lsp.start"
    vim.lsp.start(config)
  else
    how = "vim.lsp.start_client"
    local client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  local got = vim.wait(30000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, message = d.message, source = d.source,
      code = d.code or lsp.code,
    })
  end
  local hover, actions = nil, {}
  if got then
    local d = vim.diagnostic.get(bufnr)[1]
    local line = vim.api.nvim_buf_get_lines(bufnr, d.lnum, d.lnum + 1, false)[1]
    local character = vim.str_utfindex(line, d.col + 1)
    local position = { line = d.lnum, character = character }
    local doc = { uri = vim.uri_from_bufnr(bufnr) }
    local replies = vim.lsp.buf_request_sync(bufnr, "textDocument/hover",
      { textDocument = doc, position = position }, 10000) or {}
    for _, reply in pairs(replies) do
      if reply.result then hover = reply.result.contents.value end
    end
    replies = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", {
      textDocument = doc,
      range = { start = position, ["end"] = position },
      context = { diagnostics = {} },
    }, 10000) or {}
    for _, reply in pairs(replies) do
      for _, action in ipairs(reply.result or {}) do table.insert(actions, action.title) end
    end
  end
  finish({
    attached = got, how = how, diagnostics = diagnostics, hover = hover, actions = actions,
    version = vim.version(),
  })
end)
if not ok then finish({ error = tostring(err) }) end
"""

LINE = "😀 Kazakhstan has long been Russia's backyard, the report said."


def test_neovim_receives_the_diagnostics(tmp_path: Path) -> None:
    doc = tmp_path / "notes.md"
    doc.write_text(f"# Notes\n\n```\nRussia's backyard in code\n```\n\n{LINE}\n", encoding="utf-8")
    env = {"BYL_FILE": str(doc), "BYL_ROOT": str(tmp_path), "BYL_CMD": json.dumps(SERVER)}
    result = run_neovim(tmp_path, INIT_LUA, env)
    assert "error" not in result, result
    assert result["attached"], result
    [diag] = result["diagnostics"]  # the label in the code block is not prose
    assert diag["code"] == "backyard.russia"
    assert diag["source"] == "backyard-lint"
    assert diag["severity"] == 2  # vim.diagnostic.severity.WARN
    assert diag["lnum"] == 6
    # Neovim's columns are byte offsets: the emoji before the label is 4 bytes.
    line_bytes = LINE.encode("utf-8")
    assert diag["col"] == line_bytes.index(b"Russia's backyard")
    assert diag["end_col"] == diag["col"] + len("Russia's backyard")
    assert "backyard.russia" in result["hover"]
    assert any(title.startswith("Disable backyard.russia") for title in result["actions"])
    assert result["version"]["major"] == 0 and result["version"]["minor"] >= 7
