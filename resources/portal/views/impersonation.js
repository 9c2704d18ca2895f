// Staff viewing the portal as a contact (CON-7): the banner that says so on every page of such a
// view, and the contact's own list of who viewed their portal and when.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });
const whenFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function formatWhen(text, format) {
    const date = Gatehouse.i18n.parseDate(text);
    return date ? format.format(date) : "";
}

// Shows the banner above the page for a staff member's view (`impersonation` of /api/v1/me), or
// removes it (null). It stays until the view ends: nobody can dismiss it.
function showBanner(impersonation) {
    const app = document.getElementById("app");
    const old = document.getElementById("impersonation-banner");
    if (old) {
        old.remove();
    }
    if (!app || !impersonation || typeof impersonation !== "object") {
        return;
    }
    const who = String(impersonation.staffName || "");
    const until = formatWhen(impersonation.expiresAt, timeFormat);
    const text = impersonation.readOnly
        ? fmt(qsTr("%1 of your IT provider is viewing this portal as you, read-only, until %2."), who, until)
        : fmt(qsTr("%1 of your IT provider is viewing this portal as you and may act for you, until %2."), who, until);
    const banner = h(
        "div",
        { className: "impersonation-banner", id: "impersonation-banner", role: "status", testid: "impersonation-banner" },
        h("p", { className: "impersonation-banner__text", text: text })
    );
    app.insertBefore(banner, app.firstChild);
}

// The account panel "Staff who viewed your portal", loaded when built. `failed` handles an
// error (an ended session).
function createViewersPanel(failed) {
    const list = h("ul", { className: "viewers", testid: "viewers-list" });
    const empty = h("p", { className: "empty", testid: "viewers-empty", text: qsTr("Nobody from your IT provider has viewed your portal as you.") });
    empty.hidden = true;
    const panel = h("section", { className: "panel", "aria-labelledby": "viewers-title", testid: "viewers-panel" }, [
        h("h2", { className: "panel__title", id: "viewers-title", text: qsTr("Staff who viewed your portal") }),
        h("p", {
            className: "hint",
            text: qsTr("Your IT provider can open the portal as you to help you. Each time is listed here."),
        }),
        empty,
        list,
    ]);
    Gatehouse.api.impersonations().then(function (result) {
        const views = result && Array.isArray(result.views) ? result.views : [];
        empty.hidden = views.length > 0;
        Gatehouse.dom.replaceContent(
            list,
            views.map(function (view) {
                const text = fmt(
                    view.readOnly ? qsTr("Viewed by %1 at %2 (read-only)") : qsTr("Viewed by %1 at %2 (could act for you)"),
                    String(view.staffName || ""),
                    formatWhen(view.startedAt, whenFormat)
                );
                return h("li", { className: "viewers__item", testid: "viewer", text: text });
            })
        );
    }, failed);
    return panel;
}

globalThis.Gatehouse.views = globalThis.Gatehouse.views || {};
globalThis.Gatehouse.views.impersonation = { showBanner: showBanner, createViewersPanel: createViewersPanel };
