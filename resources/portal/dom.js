// Small DOM helpers. All text goes in through textContent and text nodes, never as markup,
// so nothing a server or a contact wrote can become HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

// h("button", { className: "button", type: "button", testid: "x", onClick: fn }, "Label")
// Keys: className, text, testid, on<Event> (a function), any other key is an attribute
// (true sets an empty attribute, false/null/undefined leaves it out).
function h(tag, props, children) {
    const element = document.createElement(tag);
    applyProps(element, props || {});
    append(element, children);
    return element;
}

function applyProps(element, props) {
    Object.keys(props).forEach(function (key) {
        const value = props[key];
        if (value === undefined || value === null || value === false) {
            return;
        }
        if (key === "className") {
            element.className = value;
        } else if (key === "text") {
            element.textContent = String(value);
        } else if (key === "testid") {
            element.setAttribute("data-testid", value);
        } else if (/^on[A-Z]/.test(key) && typeof value === "function") {
            element.addEventListener(key.slice(2).toLowerCase(), value);
        } else if (key === "style") {
            throw new Error("Inline styles are refused by the portal's CSP; use a class");
        } else {
            element.setAttribute(key, value === true ? "" : String(value));
        }
    });
}

function append(parent, children) {
    if (children === undefined || children === null || children === false) {
        return;
    }
    if (Array.isArray(children)) {
        children.forEach(function (child) {
            append(parent, child);
        });
        return;
    }
    parent.appendChild(children instanceof Node ? children : document.createTextNode(String(children)));
}

function clear(element) {
    while (element.firstChild) {
        element.removeChild(element.firstChild);
    }
}

function replaceContent(element, children) {
    clear(element);
    append(element, children);
}

// Icons are built from fixed path data, never from input.
const ICONS = {
    check: "M5 12.5l4.5 4.5L19 7.5",
    arrow: "M5 12h14M13 6l6 6-6 6",
    mail: "M4 6h16v12H4zM4 7l8 6 8-6",
    lock: "M7 11V8a5 5 0 0 1 10 0v3M5 11h14v10H5z",
    calendar: "M4 6h16v15H4zM4 10h16M8 3v5M16 3v5",
};

function icon(name, className) {
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "icon" + (className ? " " + className : ""));
    const path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name] || "");
    svg.appendChild(path);
    return svg;
}

// The one place a view reports an error. role="alert" makes screen readers announce it as
// soon as its text changes; it stays in the layout (empty and hidden) so that it does.
function createAlert(className) {
    const region = h("div", {
        className: "alert" + (className ? " " + className : ""),
        role: "alert",
        testid: "alert",
    });
    region.hidden = true;
    return {
        element: region,
        show: function (message) {
            region.textContent = String(message);
            region.hidden = false;
        },
        clear: function () {
            region.textContent = "";
            region.hidden = true;
        },
    };
}

// Disables a button while a request runs and shows a busy label; returns a function that
// restores it.
function busy(button, label) {
    const original = button.textContent;
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    if (label) {
        button.textContent = label;
    }
    return function () {
        button.disabled = false;
        button.removeAttribute("aria-busy");
        button.textContent = original;
    };
}

globalThis.Gatehouse = globalThis.Gatehouse || {};
globalThis.Gatehouse.dom = {
    h: h,
    append: append,
    clear: clear,
    replaceContent: replaceContent,
    icon: icon,
    createAlert: createAlert,
    busy: busy,
};
