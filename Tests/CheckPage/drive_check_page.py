#!/usr/bin/env python3
"""Drives the service's check page in headless Chromium over the DevTools protocol, as a person would: types a draft
in each language and checks it with Ctrl+Enter, applies a fix with the keyboard (Tab to the button, Enter), switches
the page's language, checks an empty draft, and takes screenshots at desktop width and at 390 px. It watches every
request the page makes and every console message or uncaught exception.

Usage: drive_check_page.py BASE_URL SCREENSHOT_FOLDER. Prints one JSON object with what it saw; ServerTests asserts on
it. Needs `chromium` (Debian) and the `websockets` package."""
import asyncio, base64, json, os, shutil, subprocess, sys, tempfile, time, urllib.request

import websockets

BASE, OUT = sys.argv[1].rstrip("/"), sys.argv[2]


class Page:
    def __init__(self, socket):
        self.socket, self.next_id, self.pending, self.events = socket, 0, {}, []

    async def pump(self):
        async for raw in self.socket:
            message = json.loads(raw)
            if "id" in message and message["id"] in self.pending:
                self.pending.pop(message["id"]).set_result(message)
            else:
                self.events.append(message)

    async def send(self, method, **params):
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        reply = await asyncio.wait_for(future, 20)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    async def js(self, expression):
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def until(self, expression, timeout=15):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if await self.js(expression):
                return True
            await asyncio.sleep(0.05)
        raise TimeoutError(expression)

    async def key(self, key, code, virtual, modifiers=0, text=None):
        down = dict(type="keyDown", key=key, code=code, windowsVirtualKeyCode=virtual, modifiers=modifiers)
        if text:
            down["text"] = text
        await self.send("Input.dispatchKeyEvent", **down)
        await self.send("Input.dispatchKeyEvent", type="keyUp", key=key, code=code, windowsVirtualKeyCode=virtual,
                        modifiers=modifiers)

    async def screenshot(self, name, width):
        await self.send("Emulation.setDeviceMetricsOverride", width=width, height=900, deviceScaleFactor=1,
                        mobile=width < 600)
        await asyncio.sleep(0.2)
        height = await self.js("document.documentElement.scrollHeight")
        await self.send("Emulation.setDeviceMetricsOverride", width=width, height=min(max(height, 600), 4000),
                        deviceScaleFactor=1, mobile=width < 600)
        await asyncio.sleep(0.2)
        shot = await self.send("Page.captureScreenshot", format="png")
        path = os.path.join(OUT, name)
        with open(path, "wb") as f:
            f.write(base64.b64decode(shot["data"]))
        overflow = await self.js("document.documentElement.scrollWidth > window.innerWidth + 1")
        return {"path": path, "horizontalOverflow": overflow}


async def type_and_check(page, text):
    """Puts `text` in the draft as typing does (an input event), then presses Ctrl+Enter in it."""
    await page.js("document.body.dataset.checked = 'false'")
    await page.js(f"(() => {{ const d = document.getElementById('draft'); d.focus(); d.value = {json.dumps(text)};"
                  " d.dispatchEvent(new Event('input')); })()")
    await page.key("Enter", "Enter", 13, modifiers=2)  # Ctrl
    await page.until("document.body.dataset.checked !== 'false' && document.body.dataset.busy === 'false'")
    return await page.js("""(() => ({
        score: document.getElementById('score').textContent,
        verdictClass: document.getElementById('score').className,
        headings: [...document.querySelectorAll('#groups h2')].map((h) => h.textContent.trim()),
        findings: [...document.querySelectorAll('#groups li')].map((li) => ({
            rule: li.dataset.rule, severity: li.dataset.severity,
            message: li.querySelector('.message').textContent,
            details: li.querySelector('.details').textContent,
            fix: !!li.querySelector('button') })),
        marks: [...document.querySelectorAll('#highlighted mark')].map((m) => ({
            text: m.textContent, cls: m.className, title: m.title })),
        counter: document.getElementById('counter').textContent,
        lang: document.documentElement.lang }))()""")


async def switch_ui(page, language):
    await page.js(f"(() => {{ const s = document.getElementById('ui'); s.value = '{language}';"
                  " s.dispatchEvent(new Event('change')); })()")
    # Switching re-checks the draft shown: wait for that answer before typing the next one.
    await page.until(f"document.body.dataset.ui === '{language}' && document.body.dataset.busy === 'false'")


async def main():
    profile = tempfile.mkdtemp(prefix="postcheck-chromium-")
    browser = subprocess.Popen(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
         "--remote-debugging-port=0", f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = os.path.join(profile, "DevToolsActivePort")
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        target = next(t for t in targets if t["type"] == "page")
        async with websockets.connect(target["webSocketDebuggerUrl"], max_size=64 * 1024 * 1024) as socket:
            page = Page(socket)
            pump = asyncio.create_task(page.pump())
            for domain in ("Page", "Runtime", "Network", "Log"):
                await page.send(f"{domain}.enable")
            await page.send("Emulation.setDeviceMetricsOverride", width=1200, height=900, deviceScaleFactor=1,
                            mobile=False)
            await page.send("Page.navigate", url=BASE + "/?ui=en")
            await page.until("document.readyState === 'complete' && document.body.dataset.ui === 'en'")
            seen = {}
            seen["english"] = await type_and_check(
                page, "Unlike Globex, our app is 10x faster!!! TODO: add the link before Friday.")
            # A Dutch draft with the page in Dutch, a French one in French: the page's language is switched with its
            # menu, and the findings follow it.
            await switch_ui(page, "nl")
            seen["dutch"] = await type_and_check(
                page, "Wij verslaan Globex met gemak!!! Bestel vandaag nog, 50% korting. TODO link")
            await switch_ui(page, "fr")
            seen["french"] = await type_and_check(
                page, "Contrairement à Globex, notre app est bien plus rapide !!! TODO : ajouter le lien")
            await switch_ui(page, "en")
            # Overlapping findings: both are highlighted, the overlap outlined.
            seen["overlap"] = await type_and_check(page, "BUY NOW!!! Best deal of the year, 40% off, free setup, limited time.")
            seen["desktop"] = await page.screenshot("check-page-desktop.png", 1200)
            seen["phone"] = await page.screenshot("check-page-390.png", 390)
            await page.send("Emulation.setDeviceMetricsOverride", width=1200, height=900, deviceScaleFactor=1,
                            mobile=False)
            # Keyboard only: Tab from the draft to the first "apply fix" button, Enter; the draft is fixed and checked again.
            await type_and_check(page, "Trots op ons team!!! Vanaf vandaag is Acme Cloud beschikbaar.")
            await page.js("document.body.dataset.checked = 'false'; document.getElementById('draft').focus()")
            for _ in range(40):
                await page.key("Tab", "Tab", 9)
                if await page.js("document.activeElement && document.activeElement.dataset.fix !== undefined"):
                    break
            seen["focusedFix"] = await page.js("document.activeElement.dataset.fix || null")
            await page.key("Enter", "Enter", 13, text="\r")
            await page.until("document.body.dataset.checked === 'true' && document.body.dataset.busy === 'false'")
            seen["afterFix"] = await page.js("document.getElementById('draft').value")
            seen["afterFixRules"] = await page.js("[...document.querySelectorAll('#groups li')].map((li) => li.dataset.rule)")
            # The page's own language, switched: its words and the findings follow.
            await page.js("document.body.dataset.checked = 'false';"
                          "(() => { const s = document.getElementById('ui'); s.value = 'fr'; s.dispatchEvent(new Event('change')); })()")
            await page.until("document.body.dataset.checked === 'true' && document.body.dataset.busy === 'false'")
            seen["switched"] = await page.js("""(() => ({ lang: document.documentElement.lang,
                check: document.getElementById('check').textContent,
                score: document.getElementById('score').textContent,
                messages: [...document.querySelectorAll('#groups .message')].map((m) => m.textContent) }))()""")
            # An empty draft is nothing to check, never a pass.
            seen["empty"] = await type_and_check(page, "   ")
            # The live counter against X's limit, with the platform chosen.
            await page.js("(() => { const p = document.getElementById('platform'); p.value = 'x'; p.dispatchEvent(new Event('change')); })()")
            await page.js("(() => { const d = document.getElementById('draft'); d.value = 'Lang verhaal. '.repeat(25);"
                          " d.dispatchEvent(new Event('input')); })()")
            await page.until("document.getElementById('counter').dataset.length === String(document.getElementById('draft').value.length)"
                             " && document.querySelector('#counter [data-platform=\"x\"]') !== null")
            seen["counter"] = await page.js("""(() => { const x = document.querySelector('#counter [data-platform="x"]');
                return { text: x.textContent, over: x.className === 'over' }; })()""")
            seen["platforms"] = await page.js("[...document.getElementById('platform').options].map((o) => o.value).filter(Boolean)")
            await asyncio.sleep(0.3)
            pump.cancel()
        requests = [e["params"]["request"]["url"] for e in page.events if e.get("method") == "Network.requestWillBeSent"]
        seen["requests"] = sorted(set(requests))
        seen["foreignRequests"] = [u for u in requests if not (u.startswith(BASE + "/") or u.startswith("data:"))]
        seen["consoleErrors"] = [
            e["params"] for e in page.events
            if e.get("method") == "Runtime.exceptionThrown"
            or (e.get("method") == "Runtime.consoleAPICalled" and e["params"].get("type") == "error")
            or (e.get("method") == "Log.entryAdded" and e["params"]["entry"].get("level") == "error")]
        print(json.dumps(seen, ensure_ascii=False))
    finally:
        browser.terminate()
        browser.wait(10)
        shutil.rmtree(profile, ignore_errors=True)


asyncio.run(main())
