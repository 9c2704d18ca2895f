// The second step of a sign-in (ACC-10), shown while the session is a half-session: a code from
// the authenticator app or a recovery code; or, when the workspace requires an authenticator
// app and this contact has none yet, setting one up. Nothing else is reachable until then.

const h = Gatehouse.dom.h;
const api = Gatehouse.api;

// context: { me, onSignedIn(), onRestart() } — onRestart goes back to the login page.
function renderSecondStep(main, context) {
    const parts = Gatehouse.views.auth.authCard(main, {
        title: qsTr("Enter your authenticator code"),
        lead: qsTr("Open the authenticator app on your phone and enter the 6-digit code it shows for this portal."),
        icon: "lock",
    });
    let recovery = false;
    const label = h("label", { className: "label", for: "totp-code" });
    const input = h("input", {
        id: "totp-code",
        className: "input input--code",
        type: "text",
        name: "one-time-code",
        autocomplete: "one-time-code",
        spellcheck: "false",
        autocapitalize: "characters",
        required: true,
        "aria-describedby": "totp-code-hint",
        testid: "totp-code-input",
    });
    const hint = h("p", { className: "hint", id: "totp-code-hint" });
    const submit = h("button", {
        className: "button button--primary button--block",
        type: "submit",
        testid: "totp-code-submit",
        text: qsTr("Continue"),
    });
    const toggle = h("button", { className: "button button--link", type: "button", testid: "totp-use-recovery" });
    const restart = h("button", { className: "button button--link", type: "button", text: qsTr("Start again") });
    restart.addEventListener("click", function () {
        api.logout().then(context.onRestart, context.onRestart);
    });

    function setMode(useRecovery) {
        recovery = useRecovery;
        input.value = "";
        input.removeAttribute("aria-invalid");
        if (recovery) {
            label.textContent = qsTr("Recovery code");
            hint.textContent = qsTr("One of the recovery codes you saved when you set up the app, like ABCDE-FGHIJ. Each works once.");
            input.setAttribute("inputmode", "text");
            input.removeAttribute("maxlength");
            toggle.textContent = qsTr("Use the code from the app instead");
        } else {
            label.textContent = qsTr("Authenticator code");
            hint.textContent = qsTr("The code changes every 30 seconds.");
            input.setAttribute("inputmode", "numeric");
            input.setAttribute("maxlength", "6");
            toggle.textContent = qsTr("Use a recovery code instead");
        }
    }
    toggle.addEventListener("click", function () {
        parts.alert.clear();
        setMode(!recovery);
        input.focus();
    });
    input.addEventListener("input", function () {
        if (!recovery) {
            const digits = input.value.replace(/\D+/g, "").slice(0, 6);
            if (digits !== input.value) {
                input.value = digits;
            }
        }
    });

    const form = h("form", { className: "form", novalidate: true }, [
        label,
        input,
        hint,
        submit,
        h("div", { className: "form__secondary" }, [toggle, restart]),
    ]);
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        const code = input.value.trim();
        if (!recovery && !/^[0-9]{6}$/.test(code)) {
            parts.alert.show(qsTr("Enter the 6-digit code your authenticator app shows."));
            input.setAttribute("aria-invalid", "true");
            input.focus();
            return;
        }
        if (recovery && !/^[A-Za-z2-7]{5}[- ]?[A-Za-z2-7]{5}$/.test(code)) {
            parts.alert.show(qsTr("A recovery code has 10 letters and digits, like ABCDE-FGHIJ."));
            input.setAttribute("aria-invalid", "true");
            input.focus();
            return;
        }
        parts.alert.clear();
        const restore = Gatehouse.dom.busy(submit, qsTr("Checking…"));
        api.totpSecondStep(code).then(
            function () {
                context.onSignedIn();
            },
            function (error) {
                restore();
                parts.alert.show(error.message);
                if (error.status === 401 || error.status === 429) {
                    // The sign-in is over: only starting again helps.
                    submit.disabled = true;
                    input.disabled = true;
                    restart.focus();
                    return;
                }
                input.setAttribute("aria-invalid", "true");
                input.select();
                input.focus();
            }
        );
    });
    setMode(false);
    Gatehouse.dom.replaceContent(parts.body, form);
    input.focus();
}

// The workspace requires an authenticator app and this contact has none: set one up first.
function renderRequiredEnrolment(main, context) {
    const parts = Gatehouse.views.auth.authCard(main, {
        title: qsTr("Set up an authenticator app"),
        lead: qsTr("Your portal asks everyone to sign in with a code from an authenticator app on their phone as well. Set it up once to continue."),
        icon: "lock",
    });
    const enrolment = Gatehouse.views.totpAccount.createEnrolment(
        function () {
            context.onSignedIn();
        },
        function (error) {
            parts.alert.show(error.message);
        }
    );
    const restart = h("button", { className: "button button--link", type: "button", text: qsTr("Sign out") });
    restart.addEventListener("click", function () {
        api.logout().then(context.onRestart, context.onRestart);
    });
    Gatehouse.dom.replaceContent(parts.body, [enrolment.element, h("div", { className: "form__secondary" }, restart)]);
    enrolment.start.focus();
}

globalThis.Gatehouse.views = globalThis.Gatehouse.views || {};
globalThis.Gatehouse.views.totp = {
    renderSecondStep: renderSecondStep,
    renderRequiredEnrolment: renderRequiredEnrolment,
};
