// Workspace branding: the accent colour and the name in the top bar.
//
// The accent comes from the MSP, so it may be any colour. To keep WCAG AA contrast the
// portal derives from it: --accent (fills), --on-accent (text on fills), --accent-text (the
// accent darkened until it reads as text), --accent-strong (darkened until it shows as a
// shape: progress bar, timeline) and --accent-soft (a pale tint for backgrounds). They are
// set through the CSSOM, which the CSP allows, never as a style attribute.

const DEFAULT_ACCENT = "#2557d6";

function parseHex(color) {
    const match = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(typeof color === "string" ? color.trim() : "");
    if (!match) {
        return null;
    }
    let hex = match[1];
    if (hex.length === 3) {
        hex = hex[0] + hex[0] + hex[1] + hex[1] + hex[2] + hex[2];
    }
    return [0, 2, 4].map(function (offset) {
        return parseInt(hex.substr(offset, 2), 16);
    });
}

function toHex(rgb) {
    return (
        "#" +
        rgb
            .map(function (channel) {
                const value = Math.max(0, Math.min(255, Math.round(channel)));
                return (value < 16 ? "0" : "") + value.toString(16);
            })
            .join("")
    );
}

function luminance(rgb) {
    const linear = rgb.map(function (channel) {
        const c = channel / 255;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2];
}

function contrast(a, b) {
    const la = luminance(a);
    const lb = luminance(b);
    return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function mix(rgb, toward, amount) {
    return rgb.map(function (channel, i) {
        return channel + (toward[i] - channel) * amount;
    });
}

const WHITE = [255, 255, 255];
const INK = [23, 28, 36];
const PAGE = [243, 244, 246];
const TRACK = [236, 238, 242];

// White if it reads (the usual brand look), else ink, else black: one of white and black
// always reaches 4.5:1.
function textOn(fill) {
    const candidates = [WHITE, INK, [0, 0, 0]];
    for (let i = 0; i < candidates.length; ++i) {
        if (contrast(fill, candidates[i]) >= 4.5) {
            return toHex(candidates[i]);
        }
    }
    return contrast(fill, WHITE) >= contrast(fill, [0, 0, 0]) ? "#ffffff" : "#000000";
}

function darkenUntil(rgb, backgrounds, ratio) {
    let result = rgb;
    for (let step = 1; step <= 20; ++step) {
        const enough = backgrounds.every(function (background) {
            return contrast(result, background) >= ratio;
        });
        if (enough) {
            break;
        }
        result = mix(rgb, [0, 0, 0], step * 0.05);
    }
    return result;
}

function accentPalette(color) {
    const accent = parseHex(color) || parseHex(DEFAULT_ACCENT);
    const soft = mix(accent, WHITE, 0.9);
    // The darkest surfaces the accent sits on: the page grey, the tint and the progress track.
    const surfaces = [PAGE, soft, TRACK];
    return {
        accent: toHex(accent),
        onAccent: textOn(accent),
        // Text (links, counts): 4.5:1. Shapes (progress fill, timeline): 3:1.
        accentText: toHex(darkenUntil(accent, surfaces, 4.5)),
        accentStrong: toHex(darkenUntil(accent, surfaces, 3)),
        accentSoft: toHex(soft),
    };
}

function applyAccent(color) {
    const palette = accentPalette(color);
    const style = document.documentElement.style;
    style.setProperty("--accent", palette.accent);
    style.setProperty("--on-accent", palette.onAccent);
    style.setProperty("--accent-text", palette.accentText);
    style.setProperty("--accent-strong", palette.accentStrong);
    style.setProperty("--accent-soft", palette.accentSoft);
}

function initial(name) {
    const trimmed = String(name || "").trim();
    return trimmed ? Array.from(trimmed)[0].toUpperCase() : "";
}

// Renders the brand (mark and workspace name) and an optional right-hand side into the top bar.
// logoUrl: the workspace's logo (a same-origin PNG), shown instead of the initial.
function renderTopbar(workspaceName, trailing, logoUrl) {
    const h = Gatehouse.dom.h;
    const topbar = document.getElementById("topbar");
    const name = String(workspaceName || "");
    const logo = typeof logoUrl === "string" && logoUrl.indexOf("/api/v1/branding/logo") === 0;
    const brand = h("div", { className: "brand" }, [
        logo
            ? h("img", { className: "brand__logo", src: logoUrl, alt: "", testid: "brand-logo" })
            : h("span", { className: "brand__mark", "aria-hidden": "true", text: initial(name) }),
        h("span", { className: "brand__name", text: name || qsTr("Client portal") }),
    ]);
    Gatehouse.dom.replaceContent(topbar, h("div", { className: "topbar__inner" }, [brand, trailing]));
}

function setTitle(workspaceName, page) {
    const parts = [page, workspaceName || qsTr("Client portal")].filter(function (part) {
        return part;
    });
    document.title = parts.join(" · ");
}

// Brands the signed-out pages. Branding is cosmetic there: if it cannot load, the page
// still works with the default look.
function loadPublicBranding() {
    return Gatehouse.api.branding().then(
        function (branding) {
            const result = branding && typeof branding === "object" ? branding : {};
            applyAccent(result.accentColor);
            renderTopbar(result.name, null, result.logoUrl);
            return result;
        },
        function () {
            applyAccent(null);
            renderTopbar("");
            return {};
        }
    );
}

globalThis.Gatehouse = globalThis.Gatehouse || {};
globalThis.Gatehouse.branding = {
    accentPalette: accentPalette,
    applyAccent: applyAccent,
    renderTopbar: renderTopbar,
    setTitle: setTitle,
    loadPublicBranding: loadPublicBranding,
};
