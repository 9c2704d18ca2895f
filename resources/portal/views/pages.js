// Pages (ONB-7): reference articles the provider wrote (welcome, support, security FAQ), each
// one opened and closed in place.

const h = Gatehouse.dom.h;

// What a page may contain. The server sends cmark's safe rendering already; this copy from an
// inert document through an allow-list means even a fault there cannot put a script, a handler
// or a foreign resource on the portal.
const ALLOWED_TAGS = /^(P|UL|OL|LI|BLOCKQUOTE|PRE|CODE|EM|STRONG|HR|BR|A|H[1-6])$/;

function safeHref(href) {
    return /^(https?:|mailto:)/i.test(href || "") ? href : "";
}

function copySafe(source, target) {
    Array.prototype.forEach.call(source.childNodes, function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
            target.appendChild(document.createTextNode(node.nodeValue));
            return;
        }
        if (node.nodeType !== Node.ELEMENT_NODE) {
            return; // comments (cmark's "raw HTML omitted") and the rest
        }
        const tag = node.tagName.toUpperCase();
        if (tag === "IMG") {
            // No images from elsewhere (the CSP refuses them anyway): their text instead.
            if (node.getAttribute("alt")) {
                target.appendChild(document.createTextNode(node.getAttribute("alt")));
            }
            return;
        }
        if (!ALLOWED_TAGS.test(tag)) {
            copySafe(node, target); // keep the text, lose the element
            return;
        }
        let element;
        if (/^H[1-6]$/.test(tag)) {
            // Below the section's heading (h2) and the page's title, so the outline holds.
            element = document.createElement("h" + Math.min(6, Number(tag.charAt(1)) + 2));
        } else if (tag === "A") {
            const href = safeHref(node.getAttribute("href"));
            element = href
                ? h("a", { href: href, target: "_blank", rel: "noopener noreferrer" })
                : document.createElement("span");
        } else {
            element = document.createElement(tag.toLowerCase());
            if (tag === "OL" && /^\d+$/.test(node.getAttribute("start") || "")) {
                element.setAttribute("start", node.getAttribute("start"));
            }
        }
        copySafe(node, element);
        target.appendChild(element);
    });
}

function pageBody(html) {
    const body = h("div", { className: "page__body" });
    // DOMParser's document is inert: nothing in it runs or loads.
    const parsed = new DOMParser().parseFromString(String(html || ""), "text/html");
    copySafe(parsed.body, body);
    return body;
}

function createPagesPanel(failed) {
    const list = h("div", { className: "pages__list", testid: "pages-list" });
    const panel = h("section", { className: "panel", "aria-labelledby": "pages-title", testid: "pages" }, [
        h("div", { className: "panel__header" }, [
            h("h2", { className: "panel__title", id: "pages-title", text: qsTr("Pages") }),
        ]),
        list,
    ]);
    Gatehouse.api.pages().then(function (data) {
        const pages = (data && data.pages) || [];
        if (!pages.length) {
            Gatehouse.dom.replaceContent(list, h("p", { className: "empty", testid: "pages-empty", text: qsTr("Nothing published yet.") }));
            return;
        }
        Gatehouse.dom.replaceContent(list, pages.map(function (page) {
            return h("details", { className: "page", testid: "page-" + page.id }, [
                h("summary", { className: "page__title", text: page.title || "" }),
                pageBody(page.html),
            ]);
        }));
    }, failed);
    return panel;
}

globalThis.Gatehouse.views = globalThis.Gatehouse.views || {};
globalThis.Gatehouse.views.pages = { createPagesPanel: createPagesPanel };
