// The signed-in contact's account panel: an optional password (ACC-7), as a second way in
// beside the emailed code.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;
const api = Gatehouse.api;

// A panel with the "Set a password" form. `me` is /api/v1/me; `failed` handles an error that
// is not about the password itself (an ended session).
function createPasswordPanel(me, failed) {
    const minimum = me && me.passwordMinimumLength > 0 ? me.passwordMinimumLength : 10;
    const alert = Gatehouse.dom.createAlert();
    alert.element.setAttribute("data-testid", "password-alert");
    const status = h("p", { className: "form__status", "aria-live": "polite", testid: "password-status" });
    const input = h("input", {
        id: "account-password",
        className: "input",
        type: "password",
        name: "new-password",
        autocomplete: "new-password",
        minlength: String(minimum),
        required: true,
        "aria-describedby": "account-password-hint",
        testid: "password-input",
    });
    const submit = h("button", {
        className: "button button--primary",
        type: "submit",
        testid: "password-submit",
        text: qsTr("Set password"),
    });
    const form = h("form", { className: "form", novalidate: true }, [
        h("label", { className: "label", for: "account-password", text: qsTr("New password") }),
        input,
        h("p", {
            className: "hint",
            id: "account-password-hint",
            text: fmt(
                qsTr("At least %1 characters, and not a common password. You can still sign in with an emailed code."),
                String(minimum)
            ),
        }),
        submit,
        status,
    ]);
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        alert.clear();
        status.textContent = "";
        if (input.value.length < minimum) {
            alert.show(fmt(qsTr("Use at least %1 characters."), String(minimum)));
            input.setAttribute("aria-invalid", "true");
            input.focus();
            return;
        }
        const restore = Gatehouse.dom.busy(submit, qsTr("Saving…"));
        api.setPassword(input.value).then(
            function () {
                restore();
                input.value = "";
                input.removeAttribute("aria-invalid");
                status.textContent = qsTr("Your password is set. Next time you can sign in with it.");
            },
            function (error) {
                restore();
                if (error && error.status === 422) {
                    alert.show(error.message);
                    input.setAttribute("aria-invalid", "true");
                    input.focus();
                    return;
                }
                failed(error);
            }
        );
    });
    return h("section", { className: "panel", "aria-labelledby": "account-password-title", testid: "password-panel" }, [
        h("h2", { className: "panel__title", id: "account-password-title", text: qsTr("Set a password") }),
        h("p", {
            className: "empty",
            text: qsTr("Optional: a password lets you sign in without waiting for an email."),
        }),
        alert.element,
        form,
    ]);
}

globalThis.Gatehouse.views = globalThis.Gatehouse.views || {};
globalThis.Gatehouse.views.account = { createPasswordPanel: createPasswordPanel };
