// The authenticator app (TOTP, ACC-10) in the account view: set it up, make new recovery codes,
// turn it off. The set-up steps are shared with the page a workspace that requires TOTP shows
// before anything else (views/totp.js).

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;
const api = Gatehouse.api;

// "ABCD EFGH ..." is easier to copy by hand than 32 letters in a row.
function groupedSecret(secret) {
    return String(secret || "").replace(/(.{4})/g, "$1 ").trim();
}

// A 6-digit code field; `id` must be unique on the page.
function codeInput(id, testid, describedBy) {
    const input = h("input", {
        id: id,
        className: "input input--code",
        type: "text",
        name: "one-time-code",
        inputmode: "numeric",
        autocomplete: "one-time-code",
        maxlength: "6",
        pattern: "[0-9]{6}",
        spellcheck: "false",
        required: true,
        "aria-describedby": describedBy,
        testid: testid,
    });
    input.addEventListener("input", function () {
        const digits = input.value.replace(/\D+/g, "").slice(0, 6);
        if (digits !== input.value) {
            input.value = digits;
        }
    });
    return input;
}

// The recovery codes, shown once, with a button to go on when they are saved.
function recoveryCodesView(codes, onDone) {
    const done = h("button", {
        className: "button button--primary",
        type: "button",
        testid: "recovery-done",
        text: qsTr("I have saved these codes"),
    });
    done.addEventListener("click", onDone);
    const view = h("div", { className: "totp__codes", testid: "recovery-codes" }, [
        h("h3", { className: "panel__subtitle", tabindex: "-1", text: qsTr("Your recovery codes") }),
        h("p", {
            className: "hint",
            text: qsTr(
                "Keep these somewhere safe, such as a password manager. Each one signs you in once if you lose your phone. They are shown only now."
            ),
        }),
        h(
            "ul",
            { className: "totp__code-list" },
            codes.map(function (code) {
                return h("li", { className: "totp__code", testid: "recovery-code", text: code });
            })
        ),
        done,
    ]);
    return view;
}

// Set-up in three steps: start (the server makes a secret), add it to the app, confirm with a
// code. `onConfirmed(answer)` gets the server's answer ({recoveryCodes, signedIn}) once the
// codes have been shown and the contact has said they are saved. `failed` handles errors that
// are not about the code.
function createEnrolment(onConfirmed, failed) {
    const alert = Gatehouse.dom.createAlert();
    const area = h("div", { className: "totp__steps" });
    const start = h("button", {
        className: "button button--primary",
        type: "button",
        testid: "totp-start",
        text: qsTr("Set up an authenticator app"),
    });
    start.addEventListener("click", function () {
        alert.clear();
        const restore = Gatehouse.dom.busy(start, qsTr("Preparing…"));
        api.totpStart().then(
            function (enrolment) {
                restore();
                showSecret(enrolment);
            },
            function (error) {
                restore();
                failed(error);
            }
        );
    });

    function showSecret(enrolment) {
        const input = codeInput("totp-confirm-code", "totp-confirm-code", "totp-confirm-hint");
        const submit = h("button", {
            className: "button button--primary",
            type: "submit",
            testid: "totp-confirm",
            text: qsTr("Turn on"),
        });
        const form = h("form", { className: "form", novalidate: true }, [
            h("label", { className: "label", for: "totp-confirm-code", text: qsTr("Code from the app") }),
            input,
            h("p", {
                className: "hint",
                id: "totp-confirm-hint",
                text: qsTr("Enter the 6-digit code the app shows now, to check that it is set up right."),
            }),
            submit,
        ]);
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            alert.clear();
            const code = input.value.trim();
            if (!/^[0-9]{6}$/.test(code)) {
                alert.show(qsTr("Enter the 6-digit code your authenticator app shows."));
                input.setAttribute("aria-invalid", "true");
                input.focus();
                return;
            }
            const restore = Gatehouse.dom.busy(submit, qsTr("Checking…"));
            api.totpConfirm(code).then(
                function (answer) {
                    const codes = (answer && answer.recoveryCodes) || [];
                    const view = recoveryCodesView(codes, function () {
                        onConfirmed(answer);
                    });
                    Gatehouse.dom.replaceContent(area, view);
                    view.querySelector("h3").focus();
                },
                function (error) {
                    restore();
                    if (error && error.status === 422) {
                        alert.show(error.message);
                        input.setAttribute("aria-invalid", "true");
                        input.select();
                        input.focus();
                        return;
                    }
                    failed(error);
                }
            );
        });
        const link = h("a", {
            className: "button button--quiet",
            href: enrolment.uri,
            testid: "totp-uri",
            text: qsTr("Open in an authenticator app on this device"),
        });
        Gatehouse.dom.replaceContent(area, [
            h("ol", { className: "totp__how" }, [
                h("li", {
                    text: qsTr(
                        "In your authenticator app (for example Google Authenticator, Microsoft Authenticator or 1Password), add an account: scan this QR code, or enter the key below it."
                    ),
                }),
            ]),
            h("img", {
                className: "totp__qr",
                src: "/api/v1/account/totp/qr.svg",
                width: "192",
                height: "192",
                alt: qsTr("QR code of the key below, for the authenticator app to scan"),
                testid: "totp-qr",
            }),
            h("p", { className: "totp__secret", testid: "totp-secret", text: groupedSecret(enrolment.secret) }),
            h("p", { className: "hint", text: qsTr("Time-based, 6 digits, every 30 seconds.") }),
            link,
            form,
        ]);
        input.focus();
    }

    Gatehouse.dom.replaceContent(area, start);
    return { element: h("div", { className: "totp" }, [alert.element, area]), start: start };
}

// The account panel. `me` is /api/v1/me.
function createTotpPanel(me, failed) {
    const totp = (me && me.totp) || {};
    const title = h("h2", { className: "panel__title", id: "account-totp-title", text: qsTr("Authenticator app") });
    const body = h("div", { className: "panel__body" });
    const panel = h("section", { className: "panel", "aria-labelledby": "account-totp-title", testid: "totp-panel" }, [
        title,
        body,
    ]);

    function showOff() {
        const enrolment = createEnrolment(function () {
            showOn(totp.required, 10, qsTr("Sign-in with an authenticator app is on."));
        }, failed);
        Gatehouse.dom.replaceContent(body, [
            h("p", {
                className: "empty",
                text: qsTr("Optional: after the emailed code or your password, also ask for a code from an app on your phone."),
            }),
            enrolment.element,
        ]);
    }

    function showOn(required, codesLeft, message) {
        const alert = Gatehouse.dom.createAlert();
        const status = h("p", { className: "form__status", "aria-live": "polite", testid: "totp-status", text: message || "" });
        const renew = h("button", {
            className: "button button--quiet",
            type: "button",
            testid: "totp-renew-codes",
            text: qsTr("Make new recovery codes"),
        });
        const codesArea = h("div");
        renew.addEventListener("click", function () {
            alert.clear();
            const restore = Gatehouse.dom.busy(renew, qsTr("Making codes…"));
            api.totpRecoveryCodes().then(
                function (answer) {
                    restore();
                    const view = recoveryCodesView((answer && answer.recoveryCodes) || [], function () {
                        Gatehouse.dom.clear(codesArea);
                        status.textContent = qsTr("Your old recovery codes no longer work.");
                        renew.focus();
                    });
                    Gatehouse.dom.replaceContent(codesArea, view);
                    view.querySelector("h3").focus();
                },
                function (error) {
                    restore();
                    failed(error);
                }
            );
        });
        const children = [
            h("p", {
                className: "empty",
                text: fmt(qsTr("On. Recovery codes left: %1."), String(codesLeft)),
            }),
            alert.element,
            status,
            renew,
            codesArea,
        ];
        if (required) {
            children.push(h("p", { className: "hint", text: qsTr("Your workspace requires an authenticator app.") }));
        } else {
            children.push(createTurnOffForm(alert, failed, function () {
                status.textContent = "";
                showOff();
                title.focus();
            }));
        }
        Gatehouse.dom.replaceContent(body, children);
    }

    if (totp.enabled) {
        showOn(totp.required, totp.recoveryCodesLeft || 0, "");
    } else {
        showOff();
    }
    title.setAttribute("tabindex", "-1");
    return panel;
}

function createTurnOffForm(alert, failed, onOff) {
    const input = h("input", {
        id: "totp-off-code",
        className: "input",
        type: "text",
        name: "one-time-code",
        autocomplete: "one-time-code",
        spellcheck: "false",
        "aria-describedby": "totp-off-hint",
        testid: "totp-off-code",
    });
    const submit = h("button", {
        className: "button button--quiet",
        type: "submit",
        testid: "totp-off",
        text: qsTr("Turn off"),
    });
    const form = h("form", { className: "form", novalidate: true }, [
        h("label", { className: "label", for: "totp-off-code", text: qsTr("Turn off: code from the app or a recovery code") }),
        input,
        h("p", { className: "hint", id: "totp-off-hint", text: qsTr("A code is needed so that nobody else can turn it off.") }),
        submit,
    ]);
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        alert.clear();
        if (!input.value.trim()) {
            alert.show(qsTr("Enter the code your authenticator app shows, or a recovery code."));
            input.focus();
            return;
        }
        const restore = Gatehouse.dom.busy(submit, qsTr("Turning off…"));
        api.totpDisable(input.value.trim()).then(
            function () {
                onOff();
            },
            function (error) {
                restore();
                if (error && (error.status === 422 || error.status === 409)) {
                    alert.show(error.message);
                    input.setAttribute("aria-invalid", "true");
                    input.focus();
                    return;
                }
                failed(error);
            }
        );
    });
    return form;
}

globalThis.Gatehouse.views = globalThis.Gatehouse.views || {};
globalThis.Gatehouse.views.totpAccount = {
    createEnrolment: createEnrolment,
    createTotpPanel: createTotpPanel,
    codeInput: codeInput,
};
