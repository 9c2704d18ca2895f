// Signed-out pages: the invite link (/i/<token>), the magic link (/m/<token>), the portal's
// own login page (/login) and the 6-digit code form they share.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;
const api = Gatehouse.api;

// The card every signed-out page is built on. Returns the parts a view fills in.
function authCard(main, options) {
    const heading = h("h1", { className: "card__title", tabindex: "-1", text: options.title });
    const lead = h("p", { className: "card__lead", text: options.lead || "" });
    lead.hidden = !options.lead;
    const alert = Gatehouse.dom.createAlert();
    const body = h("div", { className: "card__body" });
    const card = h("section", { className: "card card--auth", "aria-labelledby": "auth-title" }, [
        h("div", { className: "card__icon", "aria-hidden": "true" }, Gatehouse.dom.icon(options.icon || "mail")),
        heading,
        lead,
        alert.element,
        body,
    ]);
    heading.id = "auth-title";
    const footnote = h("p", {
        className: "auth__footnote",
        text: qsTr("Secure sign-in by email. No password to remember."),
    });
    Gatehouse.dom.replaceContent(main, h("div", { className: "auth" }, [card, footnote]));
    return {
        heading: heading,
        lead: lead,
        alert: alert,
        body: body,
        setText: function (title, leadText) {
            heading.textContent = title;
            lead.textContent = leadText || "";
            lead.hidden = !leadText;
        },
    };
}

function welcomeQuote(branding) {
    const message = branding && typeof branding.welcomeMessage === "string" ? branding.welcomeMessage.trim() : "";
    return message ? h("p", { className: "welcome welcome--card", text: message }) : null;
}

// The 6-digit code form. `restart` asks the server for a new code and resolves with a new
// {challenge, email}; `onSignedIn` runs after the code was accepted.
function showCodeForm(parts, start, restart, onSignedIn) {
    let challenge = start.challenge;
    parts.setText(
        qsTr("Check your email"),
        fmt(qsTr("We sent a 6-digit code and a sign-in link to %1"), start.email || qsTr("your email address"))
    );
    parts.alert.clear();
    const input = h("input", {
        id: "code",
        className: "input input--code",
        type: "text",
        name: "code",
        inputmode: "numeric",
        autocomplete: "one-time-code",
        maxlength: "6",
        pattern: "[0-9]{6}",
        spellcheck: "false",
        required: true,
        "aria-describedby": "code-hint",
        testid: "code-input",
    });
    input.addEventListener("input", function () {
        const digits = input.value.replace(/\D+/g, "").slice(0, 6);
        if (digits !== input.value) {
            input.value = digits;
        }
    });
    const submit = h("button", {
        className: "button button--primary button--block",
        type: "submit",
        testid: "code-submit",
        text: qsTr("Sign in"),
    });
    const resend = h("button", {
        className: "button button--link",
        type: "button",
        text: qsTr("Send a new code"),
    });
    const status = h("p", { className: "form__status", "aria-live": "polite" });
    const form = h("form", { className: "form", novalidate: true }, [
        h("label", { className: "label", for: "code", text: qsTr("Sign-in code") }),
        input,
        h("p", {
            className: "hint",
            id: "code-hint",
            text: qsTr("The code expires after a while. You can also use the link in the email."),
        }),
        submit,
        h("div", { className: "form__secondary" }, [resend, status]),
    ]);

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        const code = input.value.trim();
        if (!/^[0-9]{6}$/.test(code)) {
            parts.alert.show(qsTr("Enter the 6-digit code from the email."));
            input.setAttribute("aria-invalid", "true");
            input.focus();
            return;
        }
        parts.alert.clear();
        status.textContent = "";
        const restore = Gatehouse.dom.busy(submit, qsTr("Signing in…"));
        api.verifyCode(challenge, code).then(
            function () {
                onSignedIn();
            },
            function (error) {
                restore();
                parts.alert.show(error.message);
                input.setAttribute("aria-invalid", "true");
                input.select();
                input.focus();
            }
        );
    });

    resend.addEventListener("click", function () {
        parts.alert.clear();
        status.textContent = "";
        const restore = Gatehouse.dom.busy(resend, qsTr("Sending…"));
        restart().then(
            function (next) {
                restore();
                challenge = next.challenge;
                input.value = "";
                input.removeAttribute("aria-invalid");
                status.textContent = fmt(qsTr("A new code is on its way to %1."), next.email || start.email || "");
                input.focus();
            },
            function (error) {
                restore();
                parts.alert.show(error.message);
            }
        );
    });

    Gatehouse.dom.replaceContent(parts.body, form);
    input.focus();
}

function startChallengeOrThrow(result) {
    if (!result || typeof result.challenge !== "string" || !result.challenge) {
        throw new api.ApiError(0, qsTr("The server sent an unexpected answer. Please try again."), "bad_response");
    }
    return result;
}

// /i/<token>: the contact proves the mailbox before the portal opens.
function renderInvite(main, context) {
    const token = context.token;
    const branding = context.branding;
    Gatehouse.branding.setTitle(branding.name, qsTr("Welcome"));
    const parts = authCard(main, {
        icon: "mail",
        title: qsTr("Verify your email to open your portal"),
        lead: qsTr("We will email you a 6-digit code and a sign-in link. No password needed."),
    });
    const send = h("button", {
        className: "button button--primary button--block",
        type: "button",
        testid: "invite-send",
        text: qsTr("Send me a sign-in code"),
    });
    const restart = function () {
        return api.startInvite(token).then(startChallengeOrThrow);
    };
    send.addEventListener("click", function () {
        parts.alert.clear();
        const restore = Gatehouse.dom.busy(send, qsTr("Sending…"));
        restart().then(
            function (result) {
                showCodeForm(parts, result, restart, context.onSignedIn);
            },
            function (error) {
                restore();
                parts.alert.show(error.message);
            }
        );
    });
    Gatehouse.dom.replaceContent(parts.body, [welcomeQuote(branding), send]);
    parts.heading.focus();
}

// /m/<token>: never sign in on page load. Mail filters open links with GET; only the
// contact's click (a POST) may use the token.
function renderMagic(main, context) {
    Gatehouse.branding.setTitle(context.branding.name, qsTr("Confirm sign-in"));
    const parts = authCard(main, {
        icon: "lock",
        title: qsTr("Confirm sign-in"),
        lead: qsTr("You opened a sign-in link from your email. Continue to open your portal on this device."),
    });
    const confirm = h("button", {
        className: "button button--primary button--block",
        type: "button",
        testid: "magic-confirm",
        text: qsTr("Continue to the portal"),
    });
    const loginLink = h("a", { className: "link", href: "/login", text: qsTr("Request a new sign-in code") });
    loginLink.addEventListener("click", function (event) {
        event.preventDefault();
        context.navigate("/login");
    });
    const recovery = h("p", { className: "card__recovery" }, loginLink);
    recovery.hidden = true;
    confirm.addEventListener("click", function () {
        parts.alert.clear();
        const restore = Gatehouse.dom.busy(confirm, qsTr("Signing in…"));
        api.confirmMagic(context.token).then(
            function () {
                context.onSignedIn();
            },
            function (error) {
                restore();
                parts.alert.show(error.message);
                recovery.hidden = false;
            }
        );
    });
    Gatehouse.dom.replaceContent(parts.body, [confirm, recovery]);
    parts.heading.focus();
}

// /login: start with just an email address. The server answers the same for known and
// unknown addresses, so the page does too.
function renderLogin(main, context) {
    Gatehouse.branding.setTitle(context.branding.name, qsTr("Sign in"));
    const parts = authCard(main, {
        icon: "mail",
        title: qsTr("Open your portal"),
        lead: qsTr("Enter the email address your IT provider has on file. We will send you a sign-in code."),
    });
    if (context.message) {
        parts.alert.show(context.message);
    }
    const email = h("input", {
        id: "login-email",
        className: "input",
        type: "email",
        name: "email",
        autocomplete: "email",
        inputmode: "email",
        maxlength: "254",
        required: true,
        testid: "login-email",
    });
    const submit = h("button", {
        className: "button button--primary button--block",
        type: "submit",
        testid: "login-submit",
        text: qsTr("Email me a sign-in code"),
    });
    const form = h("form", { className: "form", novalidate: true }, [
        h("label", { className: "label", for: "login-email", text: qsTr("Email address") }),
        email,
        submit,
    ]);
    let address = "";
    const restart = function () {
        return api.startLogin(address).then(startChallengeOrThrow);
    };
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        address = email.value.trim();
        if (!/^[^\s@]+@[^\s@]+$/.test(address)) {
            parts.alert.show(qsTr("Enter a valid email address."));
            email.setAttribute("aria-invalid", "true");
            email.focus();
            return;
        }
        email.removeAttribute("aria-invalid");
        parts.alert.clear();
        const restore = Gatehouse.dom.busy(submit, qsTr("Sending…"));
        restart().then(
            function (result) {
                showCodeForm(parts, result, restart, context.onSignedIn);
            },
            function (error) {
                restore();
                parts.alert.show(error.message);
            }
        );
    });
    const usePassword = h("button", {
        className: "button button--link",
        type: "button",
        testid: "login-use-password",
        text: qsTr("Sign in with a password instead"),
    });
    usePassword.addEventListener("click", function () {
        showPasswordForm(parts, email.value.trim(), context, function () {
            parts.setText(
                qsTr("Open your portal"),
                qsTr("Enter the email address your IT provider has on file. We will send you a sign-in code.")
            );
            parts.alert.clear();
            Gatehouse.dom.replaceContent(parts.body, [form, h("div", { className: "form__secondary" }, usePassword)]);
            email.focus();
        });
    });
    Gatehouse.dom.replaceContent(parts.body, [form, h("div", { className: "form__secondary" }, usePassword)]);
    if (context.message) {
        email.focus();
    } else {
        parts.heading.focus();
    }
}

// /login with a password the contact set after an email sign-in (ACC-7). A wrong password and
// an address without one get the same answer from the server. `back` returns to the code flow.
function showPasswordForm(parts, address, context, back) {
    parts.setText(qsTr("Sign in with your password"), qsTr("Only if you set a password in your portal before."));
    parts.alert.clear();
    const email = h("input", {
        id: "password-email",
        className: "input",
        type: "email",
        name: "email",
        autocomplete: "username",
        inputmode: "email",
        maxlength: "254",
        required: true,
        testid: "password-login-email",
    });
    email.value = address || "";
    const password = h("input", {
        id: "password-login",
        className: "input",
        type: "password",
        name: "password",
        autocomplete: "current-password",
        required: true,
        testid: "password-login-password",
    });
    const submit = h("button", {
        className: "button button--primary button--block",
        type: "submit",
        testid: "password-login-submit",
        text: qsTr("Sign in"),
    });
    const useCode = h("button", {
        className: "button button--link",
        type: "button",
        testid: "login-use-code",
        text: qsTr("Email me a sign-in code instead"),
    });
    useCode.addEventListener("click", back);
    const form = h("form", { className: "form", novalidate: true }, [
        h("label", { className: "label", for: "password-email", text: qsTr("Email address") }),
        email,
        h("label", { className: "label", for: "password-login", text: qsTr("Password") }),
        password,
        submit,
        h("div", { className: "form__secondary" }, useCode),
    ]);
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        const value = email.value.trim();
        if (!/^[^\s@]+@[^\s@]+$/.test(value)) {
            parts.alert.show(qsTr("Enter a valid email address."));
            email.setAttribute("aria-invalid", "true");
            email.focus();
            return;
        }
        if (!password.value) {
            parts.alert.show(qsTr("Enter your password."));
            password.setAttribute("aria-invalid", "true");
            password.focus();
            return;
        }
        email.removeAttribute("aria-invalid");
        password.removeAttribute("aria-invalid");
        parts.alert.clear();
        const restore = Gatehouse.dom.busy(submit, qsTr("Signing in…"));
        api.signInWithPassword(value, password.value).then(
            function () {
                context.onSignedIn();
            },
            function (error) {
                restore();
                parts.alert.show(error.message);
                password.value = "";
                password.setAttribute("aria-invalid", "true");
                password.focus();
            }
        );
    });
    Gatehouse.dom.replaceContent(parts.body, form);
    if (email.value) {
        password.focus();
    } else {
        email.focus();
    }
}

globalThis.Gatehouse.views = globalThis.Gatehouse.views || {};
globalThis.Gatehouse.views.auth = {
    authCard: authCard,
    renderInvite: renderInvite,
    renderMagic: renderMagic,
    renderLogin: renderLogin,
};
