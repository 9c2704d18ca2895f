// Credential handoff (ONB-4): the contact hands over one login (username, password, API key,
// notes) or many at once (pasted text or one file up to 10 MB). The server seals it to the
// MSP's vault on arrival; afterwards this view shows only that something was sent, and when.

const MAX_BULK_BYTES = 10 * 1024 * 1024;
const MAX_FIELD = 4096;
const MAX_NOTES = 10000;

function credentialView(task, ctx) {
    const h = Gatehouse.dom.h;
    const fmt = Gatehouse.i18n.fmt;
    const id = String(task.id);
    const root = h("div", { className: "credential", testid: "credential-" + id });
    const sent = h("ul", { className: "credential__sent", testid: "credential-sent-" + id });
    sent.hidden = true;
    const alert = Gatehouse.dom.createAlert();
    root.appendChild(sent);

    function describe(item) {
        const when = Gatehouse.i18n.formatDate(item.submittedAt);
        if (item.kind === "bulk_file") {
            return fmt(qsTr("File “%1” (%2), sent on %3"), item.fileName || "", Gatehouse.api.formatSize(item.fileSize), when);
        }
        if (item.kind === "bulk_text") {
            return fmt(qsTr("Pasted credentials, sent on %1"), when);
        }
        return fmt(qsTr("A login, sent on %1"), when);
    }

    function showSent(items) {
        Gatehouse.dom.clear(sent);
        items.forEach(function (item) {
            sent.appendChild(h("li", { className: "credential__sent-item", text: describe(item) }));
        });
        if (items.length) {
            sent.appendChild(
                h("li", {
                    className: "hint",
                    text: qsTr("Sealed for your provider on arrival. For your security it cannot be shown again, not even to you."),
                })
            );
        }
        sent.hidden = items.length === 0;
    }

    ctx.api.taskGet(task.id, "credentials").then(
        function (data) {
            showSent(data && Array.isArray(data.submissions) ? data.submissions : []);
        },
        function (error) {
            ctx.failed(error);
        }
    );

    if (task.status === "completed") {
        return root;
    }

    // One login, or many at once.
    const modeName = "credential-mode-" + id;
    function modeOption(value, label, checked) {
        const input = h("input", {
            type: "radio",
            name: modeName,
            value: value,
            checked: checked,
            testid: "credential-mode-" + value + "-" + id,
        });
        return { input: input, label: h("label", { className: "credential__mode" }, [input, " ", label]) };
    }
    const singleMode = modeOption("single", qsTr("One login"), true);
    const bulkMode = modeOption("bulk", qsTr("Several at once"), false);

    function field(name, label, props) {
        const inputId = "credential-" + name + "-" + id;
        const input = h(props.multiline ? "textarea" : "input", {
            id: inputId,
            className: "input" + (props.multiline ? " textarea" : ""),
            type: props.multiline ? null : props.type || "text",
            rows: props.multiline ? "3" : null,
            autocomplete: "off",
            spellcheck: "false",
            maxlength: String(props.max),
            testid: "credential-" + name + "-" + id,
        });
        return { input: input, label: h("label", { className: "label", for: inputId, text: label }) };
    }
    const username = field("username", qsTr("Username"), { max: MAX_FIELD });
    const password = field("password", qsTr("Password"), { max: MAX_FIELD, type: "password" });
    const apiKey = field("api-key", qsTr("API key"), { max: MAX_FIELD });
    const notes = field("notes", qsTr("Notes (what this login is for)"), { max: MAX_NOTES, multiline: true });
    const reveal = h("button", {
        className: "button button--secondary",
        type: "button",
        "aria-pressed": "false",
        "aria-controls": password.input.id,
        testid: "credential-password-toggle-" + id,
        text: qsTr("Show"),
    });
    reveal.addEventListener("click", function () {
        const show = password.input.type === "password";
        password.input.type = show ? "text" : "password";
        reveal.setAttribute("aria-pressed", show ? "true" : "false");
        reveal.textContent = show ? qsTr("Hide") : qsTr("Show");
    });
    const singlePanel = h("div", { className: "credential__single" }, [
        username.label,
        username.input,
        password.label,
        h("div", { className: "credential__password" }, [password.input, reveal]),
        apiKey.label,
        apiKey.input,
        notes.label,
        notes.input,
    ]);

    const bulkText = field("bulk-text", qsTr("Paste the credentials"), { max: MAX_BULK_BYTES, multiline: true });
    bulkText.input.rows = 6;
    const fileId = "credential-file-" + id;
    const file = h("input", { id: fileId, className: "input", type: "file", testid: "credential-file-" + id });
    const bulkPanel = h("div", { className: "credential__bulk" }, [
        bulkText.label,
        bulkText.input,
        h("label", { className: "label", for: fileId, text: qsTr("Or choose a file") }),
        file,
        h("p", { className: "hint", text: qsTr("Pasted text or one file, up to 10 MB.") }),
    ]);
    bulkPanel.hidden = true;

    function bulk() {
        return bulkMode.input.checked;
    }
    function switchMode() {
        singlePanel.hidden = bulk();
        bulkPanel.hidden = !bulk();
        alert.clear();
    }
    singleMode.input.addEventListener("change", switchMode);
    bulkMode.input.addEventListener("change", switchMode);

    const submit = h("button", {
        className: "button button--primary",
        type: "submit",
        testid: "credential-submit-" + id,
        text: qsTr("Send securely"),
    });
    const form = h("form", { className: "task__form credential__form", novalidate: true }, [
        h("fieldset", { className: "credential__modes" }, [
            h("legend", { className: "label", text: qsTr("What do you want to send?") }),
            singleMode.label,
            bulkMode.label,
        ]),
        singlePanel,
        bulkPanel,
        alert.element,
        h("p", {
            className: "hint",
            text: qsTr("Encrypted for your provider as soon as it arrives. Once sent, it cannot be shown here again."),
        }),
        h("div", { className: "button-row" }, [submit]),
    ]);

    function utf8Length(text) {
        return new TextEncoder().encode(text).length;
    }

    function send() {
        if (!bulk()) {
            const body = {
                mode: "single",
                username: username.input.value.trim(),
                password: password.input.value,
                apiKey: apiKey.input.value.trim(),
                notes: notes.input.value,
            };
            if (!body.username && !body.password && !body.apiKey && !body.notes.trim()) {
                return Promise.reject(new Gatehouse.api.ApiError(400, qsTr("Fill in at least one of username, password, API key or notes.")));
            }
            return ctx.api.taskPost(task.id, "credentials", body);
        }
        const chosen = file.files && file.files.length ? file.files[0] : null;
        if (chosen) {
            if (chosen.size > MAX_BULK_BYTES) {
                return Promise.reject(new Gatehouse.api.ApiError(413, qsTr("The file can be at most 10 MB large.")));
            }
            if (chosen.size === 0) {
                return Promise.reject(new Gatehouse.api.ApiError(400, qsTr("The file is empty.")));
            }
            return uploadFile(chosen);
        }
        const text = bulkText.input.value;
        if (!text.trim()) {
            return Promise.reject(new Gatehouse.api.ApiError(400, qsTr("Paste the credentials or choose a file.")));
        }
        if (utf8Length(text) > MAX_BULK_BYTES) {
            return Promise.reject(new Gatehouse.api.ApiError(413, qsTr("The text can be at most 10 MB long.")));
        }
        return ctx.api.taskPost(task.id, "credentials", { mode: "bulk_text", text: text });
    }

    // The file goes as the raw body, not JSON; the CSRF token is fetched first if this page
    // has not seen it yet.
    function uploadFile(chosen) {
        const token = Gatehouse.api.csrfToken();
        const ready = token ? Promise.resolve(token) : Gatehouse.api.me().then(Gatehouse.api.csrfToken);
        return ready.then(function (csrf) {
            return fetch(ctx.api.taskUrl(task.id, "credentials/file?name=" + encodeURIComponent(chosen.name)), {
                method: "POST",
                credentials: "same-origin",
                cache: "no-store",
                headers: {
                    Accept: "application/json",
                    "Content-Type": "application/octet-stream",
                    "X-CSRF-Token": csrf,
                },
                body: chosen,
            }).then(
                function (response) {
                    return response.text().then(function (text) {
                        let data = null;
                        try {
                            data = text ? JSON.parse(text) : null;
                        } catch (error) {
                            data = null;
                        }
                        if (!response.ok) {
                            throw new Gatehouse.api.ApiError(
                                response.status,
                                data && data.error ? data.error : fmt(qsTr("Sending failed (error %1). Please try again."), response.status),
                                data && data.code
                            );
                        }
                        return data;
                    });
                },
                function () {
                    throw new Gatehouse.api.ApiError(0, qsTr("The portal could not be reached. Check your connection and try again."), "network");
                }
            );
        });
    }

    function forget() {
        [username.input, password.input, apiKey.input, notes.input, bulkText.input].forEach(function (input) {
            input.value = "";
        });
        file.value = "";
    }

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        alert.clear();
        const restore = Gatehouse.dom.busy(submit, qsTr("Sending…"));
        send().then(
            function () {
                forget();
                ctx.announce(fmt(qsTr("Sent securely: %1"), task.title || ""));
                return ctx.reload();
            },
            function (error) {
                restore();
                if (error && (error.status === 401 || error.status === 0)) {
                    ctx.failed(error);
                    return;
                }
                alert.show(error && error.message ? error.message : String(error));
            }
        );
    });
    root.appendChild(form);
    return root;
}

globalThis.Gatehouse = globalThis.Gatehouse || {};
globalThis.Gatehouse.taskViews = globalThis.Gatehouse.taskViews || {};
Gatehouse.taskViews.credential = credentialView;
