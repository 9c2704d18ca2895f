// Several accounts on one email address (ACC-8): the chooser after the address is proved, and
// the company switcher in the header. Ids of accounts are opaque and belong to the session that
// listed them; the server decides what may be chosen.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;
const api = Gatehouse.api;

function list(value) {
    return Array.isArray(value) ? value : [];
}

// Up and down arrows (and Home/End) move between the buttons of a list, as in a menu.
function arrowKeys(buttons) {
    buttons.forEach(function (button, index) {
        button.addEventListener("keydown", function (event) {
            let next = -1;
            if (event.key === "ArrowDown") {
                next = (index + 1) % buttons.length;
            } else if (event.key === "ArrowUp") {
                next = (index - 1 + buttons.length) % buttons.length;
            } else if (event.key === "Home") {
                next = 0;
            } else if (event.key === "End") {
                next = buttons.length - 1;
            }
            if (next >= 0) {
                event.preventDefault();
                buttons[next].focus();
            }
        });
    });
}

// The chooser: shown while the session is a chooser (me.required === "account_choice").
// context: { me, onSignedIn(), onRestart() }.
function renderChooser(main, context) {
    const me = context.me || {};
    const parts = Gatehouse.views.auth.authCard(main, {
        title: qsTr("Choose a company"),
        lead: fmt(qsTr("Your email address %1 belongs to several companies in this portal. Which one do you want to open?"), me.email || ""),
        icon: "mail",
    });
    const buttons = list(me.accounts).map(function (account, index) {
        const button = h("button", {
            className: "button button--secondary button--block account-choice",
            type: "button",
            testid: "account-choice-" + index,
            text: account.company || "",
        });
        button.addEventListener("click", function () {
            parts.alert.clear();
            buttons.forEach(function (other) {
                other.disabled = true;
            });
            const restore = Gatehouse.dom.busy(button, qsTr("Opening…"));
            api.chooseAccount(account.id).then(context.onSignedIn, function (error) {
                restore();
                buttons.forEach(function (other) {
                    other.disabled = false;
                });
                parts.alert.show(error.message);
                if (error.status === 401) {
                    // The chooser has ended: only starting again helps.
                    restart.focus();
                    return;
                }
                button.focus();
            });
        });
        return button;
    });
    arrowKeys(buttons);
    const restart = h("button", { className: "button button--link", type: "button", text: qsTr("Start again") });
    restart.addEventListener("click", function () {
        api.logout().then(context.onRestart, context.onRestart);
    });
    Gatehouse.dom.replaceContent(parts.body, [
        h(
            "ul",
            { className: "account-choices", "aria-label": qsTr("Companies"), testid: "account-chooser" },
            buttons.map(function (button) {
                return h("li", {}, button);
            })
        ),
        h("div", { className: "form__secondary" }, restart),
    ]);
    Gatehouse.branding.setTitle((me.workspace || {}).name, qsTr("Choose a company"));
    if (buttons.length) {
        buttons[0].focus();
    } else {
        parts.heading.focus();
    }
}

// The header's switcher, or null when the signed-in person has no other account. A password
// session lists none but may learn that signing in by email would let it switch.
// context: { onSwitched(), onSignedOut(), failed(error) }.
function createSwitcher(me, context) {
    const others = list(me.otherAccounts);
    if (!others.length && !me.switchNeedsEmail) {
        return null;
    }
    // A phone's top bar has room for "Switch" only; the full label is the button's name.
    const toggle = h(
        "button",
        {
            className: "button button--quiet account-switch__toggle",
            type: "button",
            "aria-expanded": "false",
            "aria-controls": "account-switch-menu",
            "aria-label": qsTr("Switch company"),
            testid: "account-switch",
        },
        [
            h("span", { className: "account-switch__short", "aria-hidden": "true", text: qsTr("Switch") }),
            h("span", { className: "account-switch__long", "aria-hidden": "true", text: qsTr("Switch company") }),
        ]
    );
    const menu = h("div", { className: "account-switch__menu", id: "account-switch-menu", testid: "account-switch-menu" });
    menu.hidden = true;
    const alert = Gatehouse.dom.createAlert();
    let buttons = [];

    function setOpen(open) {
        menu.hidden = !open;
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        if (open && buttons.length) {
            buttons[0].focus();
        }
    }

    if (others.length) {
        buttons = others.map(function (account, index) {
            const button = h("button", {
                className: "button button--secondary button--block",
                type: "button",
                testid: "account-switch-to-" + index,
                text: account.company || "",
            });
            button.addEventListener("click", function () {
                alert.clear();
                const restore = Gatehouse.dom.busy(button, qsTr("Switching…"));
                api.switchAccount(account.id).then(context.onSwitched, function (error) {
                    restore();
                    if (error.status === 401) {
                        context.failed(error);
                        return;
                    }
                    // The menu may have closed while the button was busy.
                    setOpen(true);
                    alert.show(error.message);
                    button.focus();
                });
            });
            return button;
        });
        arrowKeys(buttons);
        Gatehouse.dom.append(menu, [
            h("p", { className: "account-switch__title", text: qsTr("Open the portal of") }),
            alert.element,
            h(
                "ul",
                { className: "account-choices" },
                buttons.map(function (button) {
                    return h("li", {}, button);
                })
            ),
        ]);
    } else {
        // Signed in with a password: it opens only this account.
        const byEmail = h("button", {
            className: "button button--secondary button--block",
            type: "button",
            testid: "account-switch-by-email",
            text: qsTr("Sign in with an emailed code"),
        });
        byEmail.addEventListener("click", function () {
            api.logout().then(context.onSignedOut, context.failed);
        });
        buttons = [byEmail];
        Gatehouse.dom.append(menu, [
            h("p", {
                className: "account-switch__title",
                testid: "account-switch-needs-email",
                text: qsTr("You signed in with a password, which opens only this company's portal. To switch to another company, sign in with a code sent to your email."),
            }),
            byEmail,
        ]);
    }
    toggle.addEventListener("click", function () {
        setOpen(menu.hidden);
    });
    const element = h("div", { className: "account-switch" }, [toggle, menu]);
    element.addEventListener("keydown", function (event) {
        if (event.key === "Escape" && !menu.hidden) {
            setOpen(false);
            toggle.focus();
        }
    });
    // Focus (or a click) elsewhere closes it, as menus do.
    element.addEventListener("focusout", function (event) {
        if (!menu.hidden && !element.contains(event.relatedTarget)) {
            setOpen(false);
        }
    });
    return element;
}

globalThis.Gatehouse.views = globalThis.Gatehouse.views || {};
globalThis.Gatehouse.views.accounts = {
    renderChooser: renderChooser,
    createSwitcher: createSwitcher,
};
