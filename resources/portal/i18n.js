// Translations for the portal.
//
// Every visible string is written as qsTr("literal") so that Qt's lupdate extracts it into
// the same .ts files the console uses. The server serves the catalog for the contact's
// language from the compiled .qm files; until it has loaded, qsTr() returns the source.
//
// lupdate reads these files with an older JavaScript grammar: no import/export, no
// async/await, no object spread and no `catch {}` without a binding, in any portal file.

const catalog = new Map();
let currentLang = "en";

function qsTr(source) {
    const translation = catalog.get(source);
    return translation ? translation : source;
}

// Fills %1, %2, ... in a translated string. A function replacement keeps "$&" and friends in
// user data literal.
function fmt(text) {
    const args = Array.prototype.slice.call(arguments, 1);
    return String(text).replace(/%(\d)/g, function (match, digit) {
        const value = args[Number(digit) - 1];
        return value === undefined ? match : String(value);
    });
}

function loadCatalog() {
    return fetch("/api/v1/i18n", {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
    })
        .then(function (response) {
            return response.ok ? response.json() : null;
        })
        .then(function (body) {
            if (body && typeof body === "object") {
                if (typeof body.lang === "string" && body.lang) {
                    currentLang = body.lang;
                }
                const strings = body.strings && typeof body.strings === "object" ? body.strings : {};
                Object.keys(strings).forEach(function (source) {
                    if (typeof strings[source] === "string" && strings[source]) {
                        catalog.set(source, strings[source]);
                    }
                });
            }
        })
        .catch(function (error) {
            // Without a catalog the portal still works, in English.
            console.warn("Gatehouse: translations unavailable", error);
        })
        .then(function () {
            document.documentElement.lang = currentLang;
        });
}

// "2026-12-01" is a calendar date, not an instant: build it in local time so that it does
// not shift by a day west of UTC.
function parseDate(text) {
    if (typeof text !== "string" || !text) {
        return null;
    }
    const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    const date = dateOnly
        ? new Date(Number(dateOnly[1]), Number(dateOnly[2]) - 1, Number(dateOnly[3]))
        : new Date(text);
    return isNaN(date.getTime()) ? null : date;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

function formatDate(text) {
    const date = parseDate(text);
    return date ? dateFormat.format(date) : "";
}

globalThis.qsTr = qsTr;
globalThis.Gatehouse = globalThis.Gatehouse || {};
globalThis.Gatehouse.i18n = {
    fmt: fmt,
    loadCatalog: loadCatalog,
    parseDate: parseDate,
    formatDate: formatDate,
    lang: function () {
        return currentLang;
    },
};
