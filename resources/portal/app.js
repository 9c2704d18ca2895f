// Start-up and routing. The server answers /, /login, /i/<invite> and /m/<magic> with this
// page; the path decides what it shows.

const h = Gatehouse.dom.h;
const main = document.getElementById("main");

let publicBranding = null;

function brandingForSignedOutPages() {
    if (!publicBranding) {
        publicBranding = Gatehouse.branding.loadPublicBranding();
    } else {
        publicBranding.then(function (branding) {
            Gatehouse.branding.applyAccent(branding.accentColor);
            Gatehouse.branding.renderTopbar(branding.name, null, branding.logoUrl);
        });
    }
    return publicBranding;
}

function tokenFrom(segment) {
    try {
        return decodeURIComponent(segment);
    } catch (error) {
        return segment;
    }
}

function navigate(path, options) {
    if (options && options.replace) {
        history.replaceState(null, "", path);
    } else {
        history.pushState(null, "", path);
    }
    route();
}

const context = {
    navigate: navigate,
    onSignedIn: function () {
        // The token has done its job: keep it out of the address bar and the history.
        history.replaceState(null, "", "/");
        showHome(true);
    },
    onSignedOut: function () {
        navigate("/login", { replace: true });
    },
    onSessionEnded: function () {
        history.replaceState(null, "", "/login");
        showLogin(qsTr("Your session has ended. Please sign in again."));
    },
};

function signedOutContext(branding, extra) {
    return {
        branding: branding,
        token: extra.token,
        message: extra.message,
        navigate: context.navigate,
        onSignedIn: context.onSignedIn,
    };
}

function showLogin(message) {
    Gatehouse.views.impersonation.showBanner(null);
    return brandingForSignedOutPages().then(function (branding) {
        Gatehouse.views.auth.renderLogin(main, signedOutContext(branding, { message: message }));
    });
}

function showFailure(error, retry) {
    const alert = Gatehouse.dom.createAlert();
    const again = h("button", { className: "button button--primary", type: "button", text: qsTr("Try again") });
    again.addEventListener("click", retry);
    const title = h("h1", { className: "card__title", tabindex: "-1", text: qsTr("The portal is not available") });
    Gatehouse.dom.replaceContent(main, h("div", { className: "auth" }, h("section", { className: "card card--auth" }, [
        title,
        alert.element,
        again,
    ])));
    alert.show(error && error.message ? error.message : String(error));
    title.focus();
}

// A half-session: choosing which company to open when the email address has several (ACC-8);
// the second step of the sign-in, or setting up the authenticator app the workspace requires
// (ACC-10), before anything else.
function showSecondStep(me) {
    const workspace = me.workspace || {};
    Gatehouse.branding.renderTopbar(workspace.name, null, workspace.logoUrl);
    const stepContext = {
        me: me,
        onSignedIn: context.onSignedIn,
        onRestart: context.onSignedOut,
    };
    if (me.required === "account_choice") {
        Gatehouse.views.accounts.renderChooser(main, stepContext);
    } else if (me.required === "totp") {
        Gatehouse.views.totp.renderSecondStep(main, stepContext);
    } else {
        Gatehouse.views.totp.renderRequiredEnrolment(main, stepContext);
    }
    return null;
}

function showHome(focusTitle) {
    return Gatehouse.api.me().then(
        function (me) {
            const workspace = (me && me.workspace) || {};
            Gatehouse.branding.applyAccent(workspace.accentColor);
            // A member of staff viewing the portal as the contact (CON-7): said on every view.
            Gatehouse.views.impersonation.showBanner(me && me.impersonation);
            if (me && me.required) {
                return showSecondStep(me);
            }
            return Gatehouse.views.home.createHomeView(main, me || {}, {
                focusTitle: focusTitle,
                onSignedOut: context.onSignedOut,
                onSessionEnded: context.onSessionEnded,
                // Another company's session replaced this one: its page from the top.
                onSwitched: context.onSignedIn,
            });
        },
        function (error) {
            if (error.status === 401) {
                history.replaceState(null, "", "/login");
                return showLogin();
            }
            showFailure(error, function () {
                showHome(focusTitle);
            });
            return null;
        }
    );
}

function showNotFound() {
    return brandingForSignedOutPages().then(function (branding) {
        Gatehouse.branding.setTitle(branding.name, qsTr("Page not found"));
        const home = h("a", { className: "button button--primary", href: "/", text: qsTr("Go to your portal") });
        home.addEventListener("click", function (event) {
            event.preventDefault();
            navigate("/");
        });
        const title = h("h1", { className: "card__title", tabindex: "-1", text: qsTr("Page not found") });
        Gatehouse.dom.replaceContent(main, h("div", { className: "auth" }, h("section", { className: "card card--auth" }, [
            title,
            h("p", { className: "card__lead", text: qsTr("This address does not lead anywhere in the portal.") }),
            home,
        ])));
        title.focus();
    });
}

function route() {
    const path = location.pathname;
    let match = /^\/i\/([^/]+)\/?$/.exec(path);
    if (match) {
        const token = tokenFrom(match[1]);
        return brandingForSignedOutPages().then(function (branding) {
            Gatehouse.views.auth.renderInvite(main, signedOutContext(branding, { token: token }));
        });
    }
    match = /^\/m\/([^/]+)\/?$/.exec(path);
    if (match) {
        const token = tokenFrom(match[1]);
        return brandingForSignedOutPages().then(function (branding) {
            Gatehouse.views.auth.renderMagic(main, signedOutContext(branding, { token: token }));
        });
    }
    if (/^\/login\/?$/.test(path)) {
        return showLogin();
    }
    if (path === "/" || path === "") {
        return showHome(false);
    }
    return showNotFound();
}

window.addEventListener("popstate", function () {
    route();
});

Gatehouse.i18n.loadCatalog().then(route).catch(function (error) {
    console.error("Gatehouse: the portal failed to start", error);
    showFailure(error, function () {
        route();
    });
});
