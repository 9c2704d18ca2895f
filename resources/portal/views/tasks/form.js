// The view of a form task: every field type with its label, help and required mark; the
// browser's check first, then the server's message per field next to the field; a "Saved"
// badge; forms that take several entries list them as chips with "Add another".
// The server's check is the rule; the one here only spares a round trip.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;

const LIMITS = { short_text: 500, long_text: 10000, email: 254, phone: 40, url: 2000 };

function list(value) {
    return Array.isArray(value) ? value : [];
}

function requiredMessage() {
    return qsTr("This field is required.");
}

// What the browser can say about a field's answer before sending it; "" when it looks fine.
function browserCheck(field, answer, control) {
    if (answer === undefined) {
        if (control && control.validity && control.validity.badInput) {
            return field.type === "number" ? qsTr("Enter a number.") : qsTr("Enter a valid value.");
        }
        return field.required ? requiredMessage() : "";
    }
    const limit = LIMITS[field.type];
    if (limit && typeof answer === "string" && answer.length > limit) {
        return fmt(qsTr("This answer can be at most %1 characters long."), limit);
    }
    switch (field.type) {
        case "email":
            return /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/.test(answer.trim())
                ? ""
                : qsTr("Enter an email address such as name@example.com.");
        case "phone": {
            const digits = answer.replace(/[^0-9]/g, "").length;
            return /^\+?[0-9 ()./-]+$/.test(answer.trim()) && digits >= 5 && digits <= 20
                ? ""
                : qsTr("Enter a phone number: digits, spaces and + ( ) - only.");
        }
        case "url":
            return /^https?:\/\/[^\s/?#]+/i.test(answer.trim())
                ? ""
                : qsTr("Enter a web address starting with https:// or http://.");
        case "date":
            return /^\d{4}-\d{2}-\d{2}$/.test(answer) ? "" : qsTr("Enter a date as YYYY-MM-DD.");
        case "number":
            return isFinite(answer) ? "" : qsTr("Enter a number.");
        default:
            return "";
    }
}

// One field: its control(s), and how to read, fill and mark it.
function createField(field, prefix) {
    const id = prefix + "-" + field.id;
    const helpId = id + "-help";
    const errorId = id + "-error";
    const help = field.help ? h("p", { className: "hint", id: helpId, text: field.help }) : null;
    const error = h("p", { className: "field__error", id: errorId, testid: "field-error-" + field.id });
    error.hidden = true;
    const mark = field.required
        ? [h("span", { className: "field__required", "aria-hidden": "true", text: " *" }),
           h("span", { className: "visually-hidden", text: " " + qsTr("(required)") })]
        : null;
    const controls = [];
    let body = null;

    function describedBy(withError) {
        return [help ? helpId : "", withError ? errorId : ""].filter(Boolean).join(" ") || null;
    }
    function attrs(extra) {
        const base = {
            id: id,
            name: field.id,
            testid: "field-" + field.id,
            "aria-describedby": describedBy(false),
            "aria-required": field.required ? "true" : null,
        };
        Object.keys(extra).forEach(function (key) {
            base[key] = extra[key];
        });
        return base;
    }

    const inputTypes = { short_text: "text", date: "date", email: "email", phone: "tel", number: "number", url: "url" };
    if (inputTypes[field.type]) {
        const input = h(
            "input",
            attrs({
                className: "input",
                type: inputTypes[field.type],
                maxlength: LIMITS[field.type] ? String(LIMITS[field.type]) : null,
                step: field.type === "number" ? "any" : null,
                inputmode: field.type === "number" ? "decimal" : null,
                autocomplete: field.type === "email" ? "email" : field.type === "phone" ? "tel" : field.type === "url" ? "url" : "off",
            })
        );
        controls.push(input);
        body = [h("label", { className: "label", for: id }, [field.label, mark]), help, input];
    } else if (field.type === "long_text") {
        const area = h("textarea", attrs({ className: "input textarea", rows: "4", maxlength: String(LIMITS.long_text) }));
        controls.push(area);
        body = [h("label", { className: "label", for: id }, [field.label, mark]), help, area];
    } else if (field.type === "single_select") {
        const select = h(
            "select",
            attrs({ className: "input" }),
            [h("option", { value: "", text: qsTr("Choose…") })].concat(
                list(field.options).map(function (option) {
                    return h("option", { value: option, text: option });
                })
            )
        );
        controls.push(select);
        body = [h("label", { className: "label", for: id }, [field.label, mark]), help, select];
    } else {
        // Multi select and yes/no: a group of boxes or buttons under a legend.
        const multi = field.type === "multi_select";
        const choices = multi
            ? list(field.options).map(function (option) {
                  return { value: option, label: option };
              })
            : [
                  { value: "yes", label: qsTr("Yes") },
                  { value: "no", label: qsTr("No") },
              ];
        const rows = choices.map(function (choice, index) {
            const choiceId = id + "-" + index;
            const input = h("input", {
                id: choiceId,
                type: multi ? "checkbox" : "radio",
                name: id,
                value: choice.value,
                testid: "field-" + field.id + "-" + (multi ? index : choice.value),
            });
            controls.push(input);
            return h("div", { className: "choice" }, [input, h("label", { for: choiceId, text: choice.label })]);
        });
        body = h(
            "fieldset",
            {
                className: "field__group",
                id: id,
                "aria-describedby": describedBy(false),
                "aria-required": field.required ? "true" : null,
                testid: "field-" + field.id,
            },
            [h("legend", { className: "label" }, [field.label, mark]), help].concat(rows)
        );
    }
    const element = h("div", { className: "field", testid: "form-field-" + field.id }, [body, error]);

    function markTarget() {
        return element.querySelector("fieldset") || controls[0];
    }

    return {
        field: field,
        element: element,
        focus: function () {
            controls[0].focus();
        },
        value: function () {
            if (field.type === "multi_select") {
                const picked = controls
                    .filter(function (box) {
                        return box.checked;
                    })
                    .map(function (box) {
                        return box.value;
                    });
                return picked.length ? picked : undefined;
            }
            if (field.type === "yes_no") {
                const chosen = controls.filter(function (radio) {
                    return radio.checked;
                })[0];
                return chosen ? chosen.value === "yes" : undefined;
            }
            const text = controls[0].value;
            if (text.trim() === "") {
                return undefined;
            }
            return field.type === "number" ? Number(text) : text;
        },
        fill: function (answer) {
            if (field.type === "multi_select") {
                const picked = list(answer);
                controls.forEach(function (box) {
                    box.checked = picked.indexOf(box.value) >= 0;
                });
            } else if (field.type === "yes_no") {
                controls.forEach(function (radio) {
                    radio.checked = answer !== undefined && radio.value === (answer === true ? "yes" : "no");
                });
            } else {
                controls[0].value = answer === undefined || answer === null ? "" : String(answer);
            }
        },
        control: function () {
            return controls[0];
        },
        setError: function (message) {
            const target = markTarget();
            error.textContent = message || "";
            error.hidden = !message;
            target.setAttribute("aria-invalid", message ? "true" : "false");
            const describe = describedBy(!!message);
            if (describe) {
                target.setAttribute("aria-describedby", describe);
            } else {
                target.removeAttribute("aria-describedby");
            }
            element.classList.toggle("field--invalid", !!message);
        },
    };
}

// What a chip says about an entry: its first answer, as text.
function entrySummary(definition, entry, index) {
    const answers = entry.answers || {};
    for (let i = 0; i < definition.fields.length; ++i) {
        const answer = answers[definition.fields[i].id];
        if (typeof answer === "string" && answer.trim()) {
            return answer.length > 40 ? answer.slice(0, 39) + "…" : answer;
        }
    }
    return fmt(qsTr("Entry %1"), index + 1);
}

function answerText(field, answer) {
    if (answer === undefined || answer === null) {
        return "—";
    }
    if (field.type === "yes_no") {
        return answer ? qsTr("Yes") : qsTr("No");
    }
    if (Array.isArray(answer)) {
        return answer.join(", ");
    }
    return String(answer);
}

function formView(task, ctx) {
    const taskId = String(task.id);
    const prefix = "form-" + taskId;
    const root = h("div", { className: "kind-form", testid: "form-" + taskId });
    const status = h("p", { className: "hint", role: "status", text: qsTr("Loading the form…") });
    Gatehouse.dom.append(root, status);

    let state = null; // {definition, entries, task}
    let editing = null; // the entry being changed, or null for a new one

    function render() {
        const definition = state.definition || { fields: [] };
        definition.fields = list(definition.fields);
        const entries = list(state.entries);
        const done = state.task && state.task.status === "completed";
        Gatehouse.dom.clear(root);

        if (!definition.fields.length) {
            Gatehouse.dom.append(root, h("p", { className: "hint", text: qsTr("The questions are not ready yet.") }));
            return;
        }
        if (done) {
            Gatehouse.dom.append(root, [
                h("p", { className: "hint", text: qsTr("Submitted. Thank you!") }),
                entries.map(function (entry, index) {
                    return h("dl", { className: "answers", "aria-label": entrySummary(definition, entry, index) },
                        definition.fields.map(function (field) {
                            return [h("dt", { text: field.label }), h("dd", { text: answerText(field, (entry.answers || {})[field.id]) })];
                        })
                    );
                }),
            ]);
            return;
        }

        const saved = h("span", { className: "pill pill--completed", testid: "form-saved-" + taskId, text: qsTr("Saved") });
        saved.hidden = !entries.length || (definition.multipleEntries && editing !== null);
        const header = h("div", { className: "form-kind__head" }, [saved]);
        Gatehouse.dom.append(root, header);

        let showForm = true;
        if (definition.multipleEntries) {
            const chips = entries.map(function (entry, index) {
                const chip = h("button", {
                    className: "entry-chip" + (editing && editing.id === entry.id ? " entry-chip--current" : ""),
                    type: "button",
                    testid: "form-entry-" + entry.id,
                    "aria-pressed": editing && editing.id === entry.id ? "true" : "false",
                    text: entrySummary(definition, entry, index),
                });
                chip.addEventListener("click", function () {
                    editing = entry;
                    render();
                    focusFirst();
                });
                return chip;
            });
            const add = h("button", { className: "button button--secondary", type: "button", testid: "form-add-" + taskId, text: qsTr("Add another") });
            add.addEventListener("click", function () {
                editing = { id: 0 };
                render();
                focusFirst();
            });
            Gatehouse.dom.append(root, [
                entries.length ? h("div", { className: "entry-chips", role: "group", "aria-label": qsTr("Saved entries") }, chips) : null,
                entries.length ? add : null,
            ]);
            showForm = !entries.length || editing !== null;
        } else {
            editing = entries[0] || null;
        }

        let fields = [];
        function focusFirst() {
            if (fields.length) {
                fields[0].focus();
            }
        }
        if (showForm) {
            fields = definition.fields.map(function (field) {
                return createField(field, prefix);
            });
            const current = editing && editing.id ? editing : null;
            fields.forEach(function (item) {
                item.fill(current ? (current.answers || {})[item.field.id] : undefined);
            });
            const alert = Gatehouse.dom.createAlert("form-kind__alert");
            const save = h("button", { className: "button button--primary", type: "submit", testid: "form-save-" + taskId, text: qsTr("Save") });
            const buttons = [save];
            if (definition.multipleEntries && current) {
                const remove = h("button", { className: "button button--secondary", type: "button", testid: "form-remove-" + taskId, text: qsTr("Remove entry") });
                remove.addEventListener("click", function () {
                    const restore = Gatehouse.dom.busy(remove, qsTr("Removing…"));
                    ctx.api.taskPost(task.id, "form/entries/" + encodeURIComponent(String(current.id)) + "/delete", {}).then(
                        function (result) {
                            state = result;
                            editing = null;
                            ctx.announce(qsTr("Entry removed"));
                            render();
                        },
                        function (error) {
                            restore();
                            ctx.failed(error);
                        }
                    );
                });
                buttons.push(remove);
            }
            if (definition.multipleEntries && entries.length) {
                const cancel = h("button", { className: "button button--quiet", type: "button", text: qsTr("Cancel") });
                cancel.addEventListener("click", function () {
                    editing = null;
                    render();
                });
                buttons.push(cancel);
            }
            const form = h(
                "form",
                { className: "task__form form-kind", novalidate: true, "aria-label": task.title || qsTr("Form") },
                [
                    h("p", { className: "hint", text: qsTr("Fields marked * are required.") }),
                    fields.map(function (item) {
                        return item.element;
                    }),
                    alert.element,
                    h("div", { className: "button-row" }, buttons),
                ]
            );
            form.addEventListener("input", function () {
                saved.hidden = true;
            });
            form.addEventListener("submit", function (event) {
                event.preventDefault();
                alert.clear();
                const answers = {};
                let firstBad = null;
                fields.forEach(function (item) {
                    const answer = item.value();
                    const message = browserCheck(item.field, answer, item.control());
                    item.setError(message);
                    if (message && !firstBad) {
                        firstBad = item;
                    }
                    if (answer !== undefined) {
                        answers[item.field.id] = answer;
                    }
                });
                if (firstBad) {
                    alert.show(qsTr("Some answers need your attention."));
                    firstBad.focus();
                    return;
                }
                const restore = Gatehouse.dom.busy(save, qsTr("Saving…"));
                const suffix = current ? "form/entries/" + encodeURIComponent(String(current.id)) : "form/entries";
                ctx.api.taskPost(task.id, suffix, { answers: answers }).then(
                    function (result) {
                        const statusChanged = !state.task || !result.task || state.task.status !== result.task.status;
                        state = result;
                        editing = null;
                        ctx.announce(qsTr("Saved"));
                        if (statusChanged) {
                            // The card's status and the progress figures change too.
                            ctx.reload();
                        } else {
                            render();
                        }
                    },
                    function (error) {
                        restore();
                        const details = error && error.data;
                        if (error && error.code === "invalid_fields" && details && details.fields) {
                            let first = null;
                            fields.forEach(function (item) {
                                const message = details.fields[item.field.id];
                                item.setError(typeof message === "string" ? message : "");
                                if (message && !first) {
                                    first = item;
                                }
                            });
                            alert.show(error.message);
                            if (first) {
                                first.focus();
                            }
                            return;
                        }
                        ctx.failed(error);
                    }
                );
            });
            Gatehouse.dom.append(root, form);
        }

        if (entries.length) {
            const submit = h("button", { className: "button button--primary", type: "button", testid: "form-submit-" + taskId, text: qsTr("Submit form") });
            submit.addEventListener("click", function () {
                const restore = Gatehouse.dom.busy(submit, qsTr("Submitting…"));
                ctx.api.taskPost(task.id, "form/submit", {}).then(
                    function () {
                        ctx.announce(fmt(qsTr("Task completed: %1"), task.title || ""));
                        ctx.reload();
                    },
                    function (error) {
                        restore();
                        ctx.failed(error);
                    }
                );
            });
            Gatehouse.dom.append(root, h("div", { className: "form-kind__submit" }, [
                h("p", { className: "hint", text: qsTr("When everything is filled in, submit the form. You cannot change it afterwards.") }),
                submit,
            ]));
        }
    }

    ctx.api.taskGet(task.id, "form/entries").then(
        function (result) {
            state = result;
            render();
        },
        function (error) {
            status.textContent = "";
            ctx.failed(error);
        }
    );
    return root;
}

globalThis.Gatehouse.taskViews = globalThis.Gatehouse.taskViews || {};
globalThis.Gatehouse.taskViews.form = formView;
