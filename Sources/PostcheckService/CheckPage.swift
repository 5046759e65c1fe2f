/// The check page at `/`: paste a draft, pick platform and language, see the score, the findings highlighted in
/// the text, and each finding's explanation and fix. Plain HTML and JavaScript: no build step, no CDN.
enum CheckPage {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>postcheck</title>
        <style>
          body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1d2330; }
          textarea { width: 100%; min-height: 10rem; font: inherit; padding: .5rem; box-sizing: border-box; }
          .row { display: flex; gap: 1rem; align-items: center; margin: .5rem 0; flex-wrap: wrap; }
          button { font: inherit; padding: .4rem 1.2rem; }
          #score { font-size: 1.4rem; font-weight: 600; }
          .pass { color: #16723a; } .review { color: #9a6400; } .fail { color: #b3261e; }
          #highlighted { white-space: pre-wrap; border: 1px solid #ccd; padding: .75rem; border-radius: 4px; }
          mark { border-radius: 2px; padding: 0 1px; }
          mark.error { background: #fbd0cc; } mark.warning { background: #fde7b0; } mark.suggestion { background: #d5e6fb; }
          #findings li { margin: .6rem 0; }
          .rule { font-family: ui-monospace, monospace; font-size: .85em; color: #556; }
          .fix { color: #16723a; }
          .why { color: #445; font-size: .9em; }
        </style>
        </head>
        <body>
        <h1>postcheck</h1>
        <p>Paste a draft to check it against your company's posting guidelines before you publish.</p>
        <textarea id="draft" aria-label="Draft" placeholder="Your post…"></textarea>
        <div class="row">
          <label>Platform <select id="platform"><option value="">default</option><option>linkedin</option><option>x</option><option>instagram</option><option>facebook</option></select></label>
          <label>Language <select id="lang"><option value="">detect</option><option value="nl">Nederlands</option><option value="en">English</option><option value="fr">Français</option></select></label>
          <button id="check">Check</button>
        </div>
        <div id="result" hidden>
          <p id="score"></p>
          <div id="highlighted"></div>
          <ol id="findings"></ol>
        </div>
        <script>
        const $ = (id) => document.getElementById(id);
        function text(node, value) { node.textContent = value; return node; }
        async function check() {
          const body = { text: $("draft").value };
          if ($("platform").value) body.platform = $("platform").value;
          if ($("lang").value) body.lang = $("lang").value;
          const response = await fetch("/v1/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
          const result = await response.json();
          if (!response.ok) { text($("score"), result.detail || "Error"); $("result").hidden = false; return; }
          render(body.text, result);
        }
        function render(draft, result) {
          const score = $("score");
          score.className = result.verdict;
          text(score, `Score ${result.score}/100: ${result.verdict}` + (result.language ? ` (${result.language})` : ""));
          // Highlight findings: offsets are UTF-16 code units, which is how JavaScript indexes strings.
          const box = $("highlighted");
          box.replaceChildren();
          let at = 0;
          const sorted = [...result.findings].sort((a, b) => a.utf16Offset - b.utf16Offset);
          for (const f of sorted) {
            if (f.utf16Offset < at) continue;
            box.append(draft.slice(at, f.utf16Offset));
            const mark = text(document.createElement("mark"), draft.slice(f.utf16Offset, f.utf16Offset + f.utf16Length));
            mark.className = f.severity;
            mark.title = f.message;
            box.append(mark);
            at = f.utf16Offset + f.utf16Length;
          }
          box.append(draft.slice(at));
          const list = $("findings");
          list.replaceChildren();
          for (const f of result.findings) {
            const item = document.createElement("li");
            item.dataset.rule = f.rule;
            item.dataset.severity = f.severity;
            item.append(text(document.createElement("strong"), `${f.severity}: `), f.message + " ");
            item.append(text(document.createElement("span"), `[${f.rule}, line ${f.line}:${f.column}]`));
            item.lastChild.className = "rule";
            if (f.fix) item.append(document.createElement("br"), text(document.createElement("span"), f.fix.replacement ? `Fix: ${f.fix.replacement}` : "Fix: remove it"));
            if (f.fix) item.lastChild.className = "fix";
            if (f.description) { const why = text(document.createElement("div"), f.description); why.className = "why"; item.append(why); }
            if (f.link) { const a = text(document.createElement("a"), "Guideline"); a.href = f.link; item.append(" ", a); }
            list.append(item);
          }
          $("result").hidden = false;
          document.body.dataset.checked = "true";
        }
        $("check").addEventListener("click", check);
        const params = new URLSearchParams(location.search);
        if (params.has("text")) { $("draft").value = params.get("text"); if (params.has("lang")) $("lang").value = params.get("lang"); check(); }
        </script>
        </body>
        </html>
        """#
}
