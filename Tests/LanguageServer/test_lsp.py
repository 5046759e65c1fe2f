"""`postcheck lsp` driven by a real LSP client (pytest-lsp, with the capabilities that VS Code and Neovim send).

Run by EndToEndTests/LanguageServerTests.swift with POSTCHECK set to the built binary:
    POSTCHECK=.build/debug/postcheck python3 -m pytest Tests/LanguageServer -q
"""
import asyncio
import json
import os
import pathlib
import subprocess
import time

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities, make_test_lsp_client

POSTCHECK = os.environ.get("POSTCHECK", str(pathlib.Path(__file__).parents[2] / ".build/debug/postcheck"))
FIXTURES = pathlib.Path(__file__).parents[2] / "Fixtures"
DRAFT_URI = (FIXTURES / "drafts" / "lsp-draft.md").as_uri()

# Front matter, CRLF line ends, an accent, an emoji ZWJ sequence (four code points, seven UTF-16 units, 15 bytes).
PREFIX = "Café 👩🏽‍💻: "
LINE = PREFIX + "Unlike Globex, our app is 10x faster!!! TODO: add link"
TEXT = "---\r\nlang: en\r\n---\r\n" + LINE + "\r\n"


def units(text, encoding):
    """The length of `text` in an LSP position encoding."""
    if encoding == "utf-8":
        return len(text.encode("utf-8"))
    if encoding == "utf-16":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


def column(needle, encoding):
    return units(LINE[: LINE.index(needle)], encoding)


def open_draft(client, uri=DRAFT_URI, text=TEXT, version=1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="markdown", version=version, text=text)
        )
    )


async def diagnostics_for(client, uri, holds=lambda codes: True):
    """The diagnostics pushed for `uri`, once their rule codes satisfy `holds` (waiting up to 30 s for them)."""
    for _ in range(50):
        diagnostics = client.diagnostics.get(uri)
        if diagnostics is not None and holds([d.code for d in diagnostics]):
            return diagnostics
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    raise AssertionError(f"diagnostics for {uri}: {[d.code for d in client.diagnostics.get(uri, [])]}")


def by_rule(diagnostics, rule):
    found = [d for d in diagnostics if d.code == rule]
    assert found, f"no {rule} in {[d.code for d in diagnostics]}"
    return found[0]


def make_client_fixture(capabilities, root=FIXTURES):
    @pytest_lsp.fixture(config=ClientServerConfig(server_command=[POSTCHECK, "lsp"]))
    async def client(lsp_client: LanguageClient):
        result = await lsp_client.initialize_session(
            types.InitializeParams(capabilities=capabilities(), root_uri=root.as_uri())
        )
        lsp_client.initialize_result = result
        yield
        await lsp_client.shutdown_session()

    return client


vscode = make_client_fixture(lambda: client_capabilities("visual-studio-code"))
neovim = make_client_fixture(lambda: client_capabilities("neovim@v0.10.0"))


def utf8_capabilities():
    capabilities = client_capabilities("neovim@v0.10.0")
    capabilities.general = types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]
    )
    return capabilities


utf8_client = make_client_fixture(utf8_capabilities)


@pytest.mark.asyncio
async def test_vscode_gets_utf16_diagnostics_with_rule_link_and_cues(vscode: LanguageClient):
    assert vscode.initialize_result.capabilities.position_encoding in (None, "utf-16")
    assert vscode.initialize_result.server_info.name == "postcheck"
    open_draft(vscode)
    diagnostics = await diagnostics_for(vscode, DRAFT_URI)
    todo = by_rule(diagnostics, "postcheck.Placeholder")
    assert (todo.range.start.line, todo.range.start.character) == (3, column("TODO", "utf-16"))
    assert (todo.range.end.line, todo.range.end.character) == (3, column("TODO", "utf-16") + 4)
    assert todo.severity == types.DiagnosticSeverity.Error and todo.source == "postcheck"
    comparison = by_rule(diagnostics, "postcheck.CompetitorComparison")
    assert comparison.range.start.character == column("Globex", "utf-16")
    cue = comparison.related_information[0]
    assert cue.location.range.start.character == column("10x faster", "utf-16")
    assert "10x faster" in cue.message
    disclosure_links = [d.code_description.href for d in diagnostics if d.code_description]
    assert all(link.startswith("http") for link in disclosure_links)

    pulled = await vscode.text_document_diagnostic_async(
        types.DocumentDiagnosticParams(text_document=types.TextDocumentIdentifier(uri=DRAFT_URI))
    )
    assert sorted(d.code for d in pulled.items) == sorted(d.code for d in diagnostics)
    workspace_report = await vscode.workspace_diagnostic_async(types.WorkspaceDiagnosticParams(previous_result_ids=[]))
    (item,) = [i for i in workspace_report.items if i.uri == DRAFT_URI]
    assert sorted(d.code for d in item.items) == sorted(d.code for d in diagnostics) and item.version == 1


@pytest.mark.asyncio
async def test_utf8_is_negotiated_and_used(utf8_client: LanguageClient):
    assert utf8_client.initialize_result.capabilities.position_encoding == "utf-8"
    open_draft(utf8_client)
    todo = by_rule(await diagnostics_for(utf8_client, DRAFT_URI), "postcheck.Placeholder")
    assert todo.range.start.character == column("TODO", "utf-8") == len(PREFIX.encode()) + LINE[len(PREFIX):].index("TODO")


@pytest.mark.asyncio
async def test_quick_fix_applies_cleanly_and_incremental_changes_recheck(neovim: LanguageClient):
    open_draft(neovim)
    diagnostics = await diagnostics_for(neovim, DRAFT_URI)
    bang = by_rule(diagnostics, "postcheck.Exclamation")
    actions = await neovim.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=DRAFT_URI),
            range=bang.range,
            context=types.CodeActionContext(diagnostics=[bang]),
        )
    )
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix and a.title.startswith("Replace"))
    assert fix.is_preferred
    edit = fix.edit.changes[DRAFT_URI][0]
    assert edit.new_text == "!" and edit.range == bang.range
    assert any(a.title == "Disable postcheck.Exclamation for this line" for a in actions)
    assert any(a.kind == "source.fixAll.postcheck" for a in actions)
    # The client applies the edit and sends it back as an incremental change.
    neovim.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=DRAFT_URI, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)],
        )
    )
    after = await diagnostics_for(neovim, DRAFT_URI, lambda codes: "postcheck.Exclamation" not in codes)
    todo = by_rule(after, "postcheck.Placeholder")
    assert todo.range.start.character == column("TODO", "utf-16") - 2, "positions after the edit moved by two"
    # Replace "TODO: add link" (two characters earlier now) with plain words.
    start = types.Position(line=3, character=todo.range.start.character)
    end = types.Position(line=3, character=todo.range.start.character + len("TODO: add link"))
    neovim.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=DRAFT_URI, version=3),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text="see you")],
        )
    )
    await diagnostics_for(neovim, DRAFT_URI, lambda codes: "postcheck.Placeholder" not in codes)


@pytest.mark.asyncio
async def test_hover_explains_the_guideline(vscode: LanguageClient):
    open_draft(vscode)
    todo = by_rule(await diagnostics_for(vscode, DRAFT_URI), "postcheck.Placeholder")
    hover = await vscode.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=DRAFT_URI), position=todo.range.start)
    )
    assert "**postcheck.Placeholder** (error)" in hover.contents.value
    assert "Guideline: style" in hover.contents.value


@pytest.fixture
def workspace(tmp_path):
    (tmp_path / ".postcheck.yml").write_text("packs: [postcheck]\nnames: {company: Brightlane, codenames: [Bluebird]}\n")
    return tmp_path


async def client_in(folder):
    """A VS Code-like client of a server started for `folder` (a workspace with its own configuration)."""
    client = make_test_lsp_client()
    await client.start_io(POSTCHECK, "lsp")
    await client.initialize_session(
        types.InitializeParams(capabilities=client_capabilities("visual-studio-code"), root_uri=folder.as_uri())
    )
    return client


@pytest.mark.asyncio
async def test_configuration_changes_reload_and_a_broken_one_is_shown_on_its_file(workspace):
    client = await client_in(workspace)
    uri = (workspace / "post.md").as_uri()
    open_draft(client, uri, "Project Bluebird ships to our customers in Ghent next week.\n")
    await diagnostics_for(client, uri, lambda codes: "postcheck.CodeNames" in codes)
    config = workspace / ".postcheck.yml"
    config.write_text("packs: [postcheck]\nnames: {company: Brightlane}\n")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
    await diagnostics_for(client, uri, lambda codes: "postcheck.CodeNames" not in codes)
    config.write_text("packs: [postcheck]\nfail-on: sometimes\n")
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
    for _ in range(20):
        if client.diagnostics.get(config.as_uri()):
            break
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    broken = client.diagnostics[config.as_uri()][0]
    assert broken.range.start.line == 1 and "last configuration that loaded keeps serving" in broken.message
    await client.shutdown_session()
    await client.stop()


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_frames(data):
    messages = []
    while data:
        head, _, rest = data.partition(b"\r\n\r\n")
        length = int(head.split(b":")[1])
        messages.append(json.loads(rest[:length]))
        data = rest[length:]
    return messages


def test_bad_input_is_answered_and_the_server_survives(tmp_path):
    """Malformed JSON-RPC, requests before initialize, unknown methods, a 10 MB document and 1,000 rapid changes:
    each is answered or ignored, and the server ends cleanly after shutdown and exit."""
    uri = (FIXTURES / "drafts" / "big.md").as_uri()
    small = (FIXTURES / "drafts" / "typed.md").as_uri()
    big = ("Our team in Ghent is proud of the new app. " * 250_000)[:10_000_000]
    messages = [
        b"Content-Length: 9\r\n\r\n{not json",
        frame({"jsonrpc": "2.0", "id": 1, "method": "textDocument/hover", "params": {}}),
        frame({"jsonrpc": "2.0", "id": 2, "method": "initialize", "params": {"capabilities": {}, "rootUri": FIXTURES.as_uri()}}),
        frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
        frame({"jsonrpc": "2.0", "id": 3, "method": "postcheck/unknown", "params": {}}),
        frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": big}}}),
        frame({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": small, "languageId": "markdown", "version": 1, "text": "Hello team.\n"}}}),
    ]
    for version in range(2, 1002):
        messages.append(frame({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": small, "version": version},
            "contentChanges": [{"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "text": "!"}]}}))
    messages += [
        frame({"jsonrpc": "2.0", "id": 4, "method": "textDocument/diagnostic", "params": {"textDocument": {"uri": uri}}}),
        frame({"jsonrpc": "2.0", "id": 5, "method": "shutdown"}),
        frame({"jsonrpc": "2.0", "method": "exit"}),
    ]
    started = time.time()
    done = subprocess.run([POSTCHECK, "lsp"], input=b"".join(messages), capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    answers = {m.get("id"): m for m in read_frames(done.stdout) if "id" in m}
    assert answers[None]["error"]["code"] == -32700
    assert answers[1]["error"]["code"] == -32002
    assert answers[2]["result"]["serverInfo"]["name"] == "postcheck"
    assert answers[3]["error"]["code"] == -32601
    assert answers[4]["result"]["kind"] == "full"
    assert answers[5]["result"] is None
    pushed = [m for m in read_frames(done.stdout) if m.get("method") == "textDocument/publishDiagnostics"]
    assert len(pushed) < 50, f"1,000 changes in a burst are checked a few times, not {len(pushed)}"
    assert time.time() - started < 300


@pytest.mark.asyncio
async def test_a_rule_that_did_not_finish_is_shown_not_hidden(tmp_path):
    """A rule stopped by PCRE2's limit leaves the draft unchecked: the editor shows that, not a clean draft."""
    (tmp_path / ".postcheck.yml").write_text("packs: [./p]\n")
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "Runaway.yml").write_text("extends: existence\nmessage: x\nnonword: true\nscope: raw\nraw: ['(a+)+$']\n")
    client = await client_in(tmp_path)
    uri = (tmp_path / "post.md").as_uri()
    open_draft(client, uri, "a" * 40 + "!\n")
    stopped = by_rule(await diagnostics_for(client, uri, lambda codes: "p.Runaway" in codes), "p.Runaway")
    assert stopped.severity == types.DiagnosticSeverity.Error and stopped.message.startswith("not checked completely")
    await client.shutdown_session()
    await client.stop()


def apply_edits(text, edits):
    """Applies LSP text edits (UTF-16 positions) to `text`, last first."""
    lines = text.splitlines(keepends=True) or [""]

    def offset(position):
        before = "".join(lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = line.encode("utf-16-le")[: position.character * 2].decode("utf-16-le")
        return len(before) + len(units)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text


@pytest.mark.asyncio
async def test_a_term_added_to_the_accepted_vocabulary_is_no_longer_flagged(workspace):
    client = await client_in(workspace)
    uri = (workspace / "post.md").as_uri()
    open_draft(client, uri, "We are damn proud of the team in Ghent.\n")
    profanity = by_rule(await diagnostics_for(client, uri, lambda codes: "postcheck.Profanity" in codes), "postcheck.Profanity")
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=profanity.range,
            context=types.CodeActionContext(diagnostics=[profanity]),
        )
    )
    accept = next(a for a in actions if a.title == "Add 'damn' to the accepted vocabulary")
    config = workspace / ".postcheck.yml"
    (edits,) = accept.edit.changes.values()
    config.write_text(apply_edits(config.read_text(), edits))
    assert "vocab:\n  accept: ['damn']\n" in config.read_text()
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
    await diagnostics_for(client, uri, lambda codes: "postcheck.Profanity" not in codes)
    await client.shutdown_session()
    await client.stop()


def test_one_client_over_tcp():
    """`postcheck lsp --tcp 0` serves one client on a loopback port it prints, then ends with it."""
    import re
    import socket

    server = subprocess.Popen([POSTCHECK, "lsp", "--tcp", "0"], stderr=subprocess.PIPE)
    line = server.stderr.readline().decode()
    port = int(re.search(r"127\.0\.0\.1:(\d+)", line).group(1))
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}))
        connection.sendall(frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
        connection.sendall(frame({"jsonrpc": "2.0", "method": "exit"}))
        data = b""
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            data += chunk
    answers = {m["id"]: m for m in read_frames(data)}
    assert answers[1]["result"]["capabilities"]["positionEncoding"] == "utf-16"
    assert answers[2]["result"] is None
    assert server.wait(timeout=30) == 0
