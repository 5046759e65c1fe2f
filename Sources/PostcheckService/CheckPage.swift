import PostcheckCore

/// The check page at `/`, for the people who write and review posts: paste a draft, see in plain words what to change
/// (the most serious first, each with its fix, applied in place with one click), the draft with every finding
/// highlighted, and a live count against each platform's limit. Its own words are in English, Dutch and French (the
/// browser's language, switchable); the findings follow the page's language. Plain HTML and JavaScript: no build
/// step, no external script, font or request beyond this service's own API.
enum CheckPage {
    static let html: String = template.replacingOccurrences(
        of: "<!--PLATFORMS-->",
        with: Platform.known.map { "<option value=\"\($0)\">\(PlatformCount.name(of: $0))</option>" }.joined())

    private static let template = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>postcheck</title>
        <link rel="icon" href="data:,">
        <style>
          body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; color: #1d2330; }
          header { display: flex; justify-content: space-between; align-items: baseline; gap: 1rem; flex-wrap: wrap; }
          h1 { margin: 0; } h2 { font-size: 1.1rem; margin: 1.2rem 0 .4rem; }
          textarea { width: 100%; min-height: 10rem; font: inherit; padding: .5rem; box-sizing: border-box; }
          .row { display: flex; gap: .75rem 1rem; align-items: center; margin: .5rem 0; flex-wrap: wrap; }
          button, select { font: inherit; padding: .35rem .8rem; }
          :focus-visible { outline: 3px solid #1a56db; outline-offset: 2px; }
          #counter { font-size: .9rem; color: #445; margin: .25rem 0; }
          #counter .over { color: #b3261e; font-weight: 600; }
          #score { font-size: 1.3rem; font-weight: 600; margin: .5rem 0; }
          .pass { color: #16723a; } .review { color: #8a5a00; } .fail { color: #b3261e; } .problem { color: #b3261e; }
          #highlighted { white-space: pre-wrap; overflow-wrap: anywhere; border: 1px solid #ccd; padding: .75rem; border-radius: 4px; }
          mark { border-radius: 2px; padding: 0 1px; color: inherit; }
          .error { background: #fbd0cc; } .warning { background: #fde7b0; } .suggestion { background: #d5e6fb; }
          mark.overlap { outline: 2px dashed #5b2d8e; outline-offset: 1px; }
          #legend { display: flex; gap: .5rem 1rem; flex-wrap: wrap; font-size: .9rem; margin: .5rem 0; padding: 0; list-style: none; }
          #legend span { display: inline-block; width: 1rem; height: 1rem; border-radius: 2px; vertical-align: -2px; margin-right: .3rem; }
          .findings { padding-left: 1.2rem; }
          .findings li { margin: .7rem 0; }
          .message { font-weight: 500; }
          .why { color: #333a48; font-size: .92em; }
          .details { font-size: .8em; color: #556; }
          .details code { font-family: ui-monospace, monospace; }
          .fixrow { margin: .2rem 0; }
        </style>
        </head>
        <body data-checked="false" data-busy="false">
        <header>
          <h1>postcheck</h1>
          <label><span data-t="interface"></span> <select id="ui"><option value="en">English</option><option value="nl">Nederlands</option><option value="fr">Français</option></select></label>
        </header>
        <p data-t="intro"></p>
        <label for="draft" data-t="draftLabel"></label>
        <textarea id="draft"></textarea>
        <p id="counter" aria-live="polite"></p>
        <div class="row">
          <label><span data-t="platform"></span> <select id="platform"><option value="" data-t="platformDefault"></option><!--PLATFORMS--></select></label>
          <label><span data-t="language"></span> <select id="lang"><option value="" data-t="detect"></option><option value="nl">Nederlands</option><option value="en">English</option><option value="fr">Français</option></select></label>
          <button id="check" type="button" data-t="check"></button>
          <button id="fixAll" type="button" data-t="fixAll" hidden></button>
        </div>
        <p class="details" data-t="keys"></p>
        <section id="result" hidden>
          <p id="score" tabindex="-1" aria-live="polite"></p>
          <ul id="legend"></ul>
          <div id="highlighted"></div>
          <div id="groups"></div>
        </section>
        <script>
        "use strict";
        const UI = {
          en: {
            interface: "Interface", intro: "Paste your draft and check it against your company's posting guidelines before you publish.",
            draftLabel: "Your draft", placeholder: "Your post…", platform: "Platform", platformDefault: "as configured",
            language: "Language of the draft", detect: "detect", check: "Check", fixAll: "Apply all fixes",
            keys: "Keyboard: Ctrl+Enter checks the draft; Tab reaches every fix.",
            empty: "There is nothing to check: the draft is empty.", failed: "The check did not work: %s",
            score: "Score %1/100: %2", pass: "ready to publish", review: "have a look first", fail: "change it before you publish",
            incomplete: "Not checked completely: %s",
            error: "Must change", warning: "Better change", suggestion: "Could be better",
            legend: "Colours in the draft:", overlapLegend: "dashed outline: several findings",
            noFindings: "Nothing to change.", applyFix: "Apply this fix", replaceWith: "Replace with “%s”", remove: "Remove it",
            details: "Rule %1, line %2, column %3", guideline: "Guideline",
            count: "%1: %2 of %3", over: "%s too many", weighted: "weighted"
          },
          nl: {
            interface: "Taal van de pagina", intro: "Plak je tekst en toets hem aan de richtlijnen van je bedrijf voor je hem publiceert.",
            draftLabel: "Je tekst", placeholder: "Je post…", platform: "Platform", platformDefault: "zoals ingesteld",
            language: "Taal van de tekst", detect: "herkennen", check: "Nakijken", fixAll: "Alle verbeteringen toepassen",
            keys: "Toetsenbord: Ctrl+Enter kijkt de tekst na; met Tab kom je bij elke verbetering.",
            empty: "Er valt niets na te kijken: de tekst is leeg.", failed: "Nakijken lukte niet: %s",
            score: "Score %1/100: %2", pass: "klaar om te publiceren", review: "kijk het eerst even na", fail: "pas het aan voor je publiceert",
            incomplete: "Niet volledig nagekeken: %s",
            error: "Moet anders", warning: "Beter aanpassen", suggestion: "Kan beter",
            legend: "Kleuren in de tekst:", overlapLegend: "stippellijn: meerdere opmerkingen",
            noFindings: "Niets aan te passen.", applyFix: "Deze verbetering toepassen", replaceWith: "Vervang door “%s”", remove: "Weghalen",
            details: "Regel %1, lijn %2, kolom %3", guideline: "Richtlijn",
            count: "%1: %2 van %3", over: "%s te veel", weighted: "gewogen"
          },
          fr: {
            interface: "Langue de la page", intro: "Collez votre brouillon et vérifiez-le par rapport aux consignes de votre entreprise avant de publier.",
            draftLabel: "Votre brouillon", placeholder: "Votre post…", platform: "Plateforme", platformDefault: "selon la configuration",
            language: "Langue du brouillon", detect: "détecter", check: "Vérifier", fixAll: "Appliquer toutes les corrections",
            keys: "Clavier : Ctrl+Entrée vérifie le brouillon ; Tab mène à chaque correction.",
            empty: "Rien à vérifier : le brouillon est vide.", failed: "La vérification n'a pas abouti : %s",
            score: "Score %1/100 : %2", pass: "prêt à publier", review: "à relire d'abord", fail: "à modifier avant publication",
            incomplete: "Vérification incomplète : %s",
            error: "À corriger", warning: "À revoir", suggestion: "Peut mieux faire",
            legend: "Couleurs dans le brouillon :", overlapLegend: "contour pointillé : plusieurs remarques",
            noFindings: "Rien à changer.", applyFix: "Appliquer cette correction", replaceWith: "Remplacer par « %s »", remove: "Supprimer",
            details: "Règle %1, ligne %2, colonne %3", guideline: "Consigne",
            count: "%1 : %2 sur %3", over: "%s de trop", weighted: "pondérés"
          }
        };
        const SEVERITIES = ["error", "warning", "suggestion"];
        const $ = (id) => document.getElementById(id);
        const params = new URLSearchParams(location.search);
        let ui = pickLanguage(params.get("ui") || (navigator.language || "en"));
        let checkedText = null;   // the text the shown findings are about
        let lastResult = null;
        let sequence = 0;         // only the latest check's answer is shown
        function pickLanguage(tag) { const code = String(tag).slice(0, 2).toLowerCase(); return UI[code] ? code : "en"; }
        function t(key, ...args) {
          let s = UI[ui][key] || UI.en[key];
          if (args.length === 1) s = s.replace("%s", args[0]);
          args.forEach((a, i) => { s = s.replace("%" + (i + 1), a); });
          return s;
        }
        function el(tag, text, className) { const n = document.createElement(tag); if (text !== undefined) n.textContent = text; if (className) n.className = className; return n; }
        function number(n) { return new Intl.NumberFormat(ui).format(n); }
        function applyLanguage() {
          document.documentElement.lang = ui;
          document.body.dataset.ui = ui;
          $("ui").value = ui;
          for (const node of document.querySelectorAll("[data-t]")) node.textContent = t(node.dataset.t);
          $("draft").placeholder = t("placeholder");
          renderLegend();
          if (lastResult) render(checkedText, lastResult);
          updateCount();
        }
        function renderLegend() {
          const legend = $("legend");
          legend.replaceChildren(el("li", t("legend")));
          for (const severity of SEVERITIES) { const item = el("li"); item.append(el("span", "", severity), t(severity)); legend.append(item); }
          const overlap = el("li"); const sample = el("span", "", "overlap"); sample.style.outline = "2px dashed #5b2d8e"; overlap.append(sample, t("overlapLegend")); legend.append(overlap);
        }
        function showProblem(message) {
          sequence++;
          document.body.dataset.busy = "false";
          lastResult = null;
          const score = $("score"); score.className = "problem"; score.textContent = message;
          $("highlighted").replaceChildren(); $("groups").replaceChildren(); $("fixAll").hidden = true;
          $("result").hidden = false; document.body.dataset.checked = "problem";
        }
        async function check() {
          const draft = $("draft").value;
          if (!draft.trim()) { showProblem(t("empty")); return; }
          const mine = ++sequence;
          document.body.dataset.busy = "true";
          const body = { text: draft, messageLanguage: ui };
          if ($("platform").value) body.platform = $("platform").value;
          if ($("lang").value) body.lang = $("lang").value;
          let response, result;
          try {
            response = await fetch("/v1/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
            result = await response.json();
          } catch (error) {
            if (mine === sequence) { document.body.dataset.busy = "false"; showProblem(t("failed", String(error))); }
            return;
          }
          if (mine !== sequence) return;
          document.body.dataset.busy = "false";
          if (!response.ok) { showProblem(t("failed", result.detail || response.statusText)); return; }
          checkedText = draft; lastResult = result;
          render(draft, result);
        }
        // Highlight every finding, overlapping ones too: the text is cut at every start and end, and each piece is
        // marked with the most serious finding over it. Offsets are UTF-16 code units, as JavaScript indexes strings.
        function highlight(draft, findings) {
          const cuts = new Set([0, draft.length]);
          for (const f of findings) { cuts.add(f.utf16Offset); cuts.add(f.utf16Offset + f.utf16Length); }
          const points = [...cuts].filter((p) => p >= 0 && p <= draft.length).sort((a, b) => a - b);
          const box = $("highlighted"); box.replaceChildren();
          for (let i = 0; i + 1 < points.length; i++) {
            const [from, to] = [points[i], points[i + 1]];
            const over = findings.filter((f) => f.utf16Offset <= from && f.utf16Offset + f.utf16Length >= to && f.utf16Length > 0);
            const piece = draft.slice(from, to);
            if (!over.length) { box.append(piece); continue; }
            over.sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
            const mark = el("mark", piece, over[0].severity + (over.length > 1 ? " overlap" : ""));
            mark.title = over.map((f) => f.message).join("\n");
            box.append(mark);
          }
        }
        function render(draft, result) {
          const score = $("score");
          score.className = result.verdict;
          score.textContent = t("score", result.score, t(result.verdict));
          if (result.incomplete && result.incomplete.length) score.textContent += " — " + t("incomplete", result.incomplete.map((i) => i.message).join("; "));
          highlight(draft, result.findings);
          const groups = $("groups"); groups.replaceChildren();
          if (!result.findings.length) groups.append(el("p", t("noFindings")));
          for (const severity of SEVERITIES) {
            const findings = result.findings.filter((f) => f.severity === severity);
            if (!findings.length) continue;
            const heading = el("h2"); heading.append(el("span", "\u00a0\u00a0", severity), " " + t(severity) + " (" + findings.length + ")");
            groups.append(heading);
            const list = el("ul", undefined, "findings");
            for (const f of findings) {
              const item = el("li"); item.dataset.rule = f.rule; item.dataset.severity = f.severity;
              item.append(el("div", f.message, "message"));
              if (f.fix) {
                const row = el("div", undefined, "fixrow");
                const button = el("button", t("applyFix")); button.type = "button";
                button.dataset.fix = f.rule;
                button.setAttribute("aria-label", t("applyFix") + ": " + (f.fix.replacement ? t("replaceWith", f.fix.replacement) : t("remove")));
                button.addEventListener("click", () => applyFixes([f.fix]));
                row.append(button, " ", f.fix.replacement ? t("replaceWith", f.fix.replacement) : t("remove"));
                item.append(row);
              }
              if (f.description) item.append(el("div", f.description, "why"));
              const details = el("div", undefined, "details");
              details.append(el("code", t("details", f.rule, f.line, f.column)));
              if (f.link) { const a = el("a", t("guideline")); a.href = f.link; a.rel = "noopener"; details.append(" · ", a); }
              item.append(details);
              list.append(item);
            }
            groups.append(list);
          }
          $("fixAll").hidden = !result.findings.some((f) => f.fix);
          $("result").hidden = false;
          document.body.dataset.checked = "true";
        }
        // Applied to the text that was checked, from the end backwards so that earlier offsets stay right; fixes that
        // overlap one already applied wait for the next check. Then the draft is checked again.
        function applyFixes(fixes) {
          if (checkedText === null) return;
          let text = checkedText, lowest = Infinity;
          for (const fix of [...fixes].sort((a, b) => b.utf16Offset - a.utf16Offset)) {
            if (fix.utf16Offset + fix.utf16Length > lowest) continue;
            text = text.slice(0, fix.utf16Offset) + fix.replacement + text.slice(fix.utf16Offset + fix.utf16Length);
            lowest = fix.utf16Offset;
          }
          $("draft").value = text;
          updateCount();
          check().then(() => $("score").focus());
        }
        let countTimer = null;
        function updateCount() {
          clearTimeout(countTimer);
          countTimer = setTimeout(async () => {
            const text = $("draft").value;
            if (!text) { $("counter").replaceChildren(); return; }
            try {
              const response = await fetch("/v1/count", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }) });
              if (!response.ok) return;
              const { platforms } = await response.json();
              const chosen = $("platform").value;
              const shown = platforms.filter((p) => !chosen || p.platform === chosen);
              if (text !== $("draft").value) return;
              const counter = $("counter"); counter.replaceChildren();
              counter.dataset.length = String(text.length);
              shown.forEach((p, i) => {
                const part = el("span", t("count", p.name, number(p.count), number(p.limit)) + (p.unit === "weighted" ? " (" + t("weighted") + ")" : ""));
                if (p.over) { part.className = "over"; part.textContent += ", " + t("over", number(p.count - p.limit)); }
                part.dataset.platform = p.platform;
                if (i) counter.append(" · ");
                counter.append(part);
              });
            } catch (error) { /* the counter is a help; a check still says what is wrong */ }
          }, 150);
        }
        $("check").addEventListener("click", check);
        $("fixAll").addEventListener("click", () => { if (lastResult) applyFixes(lastResult.findings.filter((f) => f.fix).map((f) => f.fix)); });
        $("ui").addEventListener("change", () => { ui = pickLanguage($("ui").value); applyLanguage(); if (lastResult) check(); });
        $("platform").addEventListener("change", updateCount);
        $("draft").addEventListener("input", updateCount);
        $("draft").addEventListener("keydown", (event) => { if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); check(); } });
        applyLanguage();
        if (params.has("platform")) $("platform").value = params.get("platform");
        if (params.has("text")) { $("draft").value = params.get("text"); if (params.has("lang")) $("lang").value = params.get("lang"); updateCount(); check(); }
        </script>
        </body>
        </html>
        """#
}
