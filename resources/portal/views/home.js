// The signed-in home page: greeting and progress, the contact's own tasks grouped by phase,
// and "Our progress", a timeline of every phase with both sides' tasks.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;
const api = Gatehouse.api;

const statusClass = Gatehouse.progress.statusClass;
const statusPill = Gatehouse.progress.statusPill;
const evidenceLabel = Gatehouse.progress.evidenceLabel;
const isOverdue = Gatehouse.progress.isOverdue;
const list = Gatehouse.progress.list;
const sortedPhases = Gatehouse.progress.sortedPhases;
const progressBlock = Gatehouse.progress.progressBlock;
const timeline = Gatehouse.progress.timeline;

const NOTE_MAX = 2000;

const KIND_PERMISSION = {
    standard: "tasks.complete",
    meeting: "tasks.complete",
    training: "tasks.complete",
    upload: "documents.upload",
    signature: "signatures.sign",
    credential: "credentials.share",
    file_drop: "filedrops.upload",
    form: "forms.fill",
    checklist: "forms.fill",
    approval: "approvals.decide",
};

// Kinds whose view shows something to a contact whose role may not act on them.
const READABLE_KINDS = { meeting: true };

function createHomeView(main, me, context) {
    // What the contact's role allows: the page offers only that (the server refuses the rest).
    const permissions = new Set(list(me.permissions));
    function can(permission) {
        return permissions.has(permission);
    }
    function mayActOn(task) {
        return can(KIND_PERMISSION[task.evidenceType] || "tasks.complete");
    }
    const workspace = me.workspace || {};
    const contact = me.contact || {};
    const company = me.company || {};

    const alert = Gatehouse.dom.createAlert();
    const dismiss = h("button", {
        className: "toast__close",
        type: "button",
        "aria-label": qsTr("Dismiss message"),
        text: "×",
    });
    const toast = h("div", { className: "toast" }, [alert.element, dismiss]);
    toast.hidden = true;
    const announcer = h("p", { className: "visually-hidden", "aria-live": "polite" });
    const content = h("div", { className: "home" });
    // Built once, so that a reload of the tasks keeps what is typed into it.
    const passwordPanel = Gatehouse.views.account.createPasswordPanel(me, failed);
    const totpPanel = Gatehouse.views.totpAccount.createTotpPanel(me, failed);
    const viewersPanel = Gatehouse.views.impersonation.createViewersPanel(failed);
    let questionsPanel = null;
    let pagesPanel = null;
    // Tasks whose view the contact opened (ids as text), and how to open each card's view.
    const openTasks = new Set();
    let openers = {};

    function showError(message) {
        alert.show(message);
        toast.hidden = false;
    }
    function clearError() {
        alert.clear();
        toast.hidden = true;
    }
    dismiss.addEventListener("click", clearError);

    function failed(error) {
        if (error && error.status === 401) {
            context.onSessionEnded();
            return;
        }
        showError(error && error.message ? error.message : String(error));
    }

    function renderTopbar() {
        const signout = h("button", {
            className: "button button--quiet",
            type: "button",
            testid: "signout",
            text: qsTr("Sign out"),
        });
        signout.addEventListener("click", function () {
            clearError();
            const restore = Gatehouse.dom.busy(signout);
            api.logout().then(context.onSignedOut, function (error) {
                restore();
                failed(error);
            });
        });
        const switcher = Gatehouse.views.accounts.createSwitcher(me, {
            onSwitched: context.onSwitched,
            onSignedOut: context.onSignedOut,
            failed: failed,
        });
        const account = h("div", { className: "account" }, [
            h("div", { className: "account__who" }, [
                h("span", { className: "account__name", text: contact.name || contact.email || "" }),
                h("span", { className: "account__company", testid: "account-company", text: company.name || "" }),
            ]),
            switcher,
            signout,
        ]);
        Gatehouse.branding.renderTopbar(workspace.name, account, workspace.logoUrl);
    }

    function greeting(onboardings) {
        const welcome = typeof workspace.welcomeMessage === "string" ? workspace.welcomeMessage.trim() : "";
        return h("section", { className: "hero", "aria-labelledby": "home-title" }, [
            h("p", { className: "hero__eyebrow", testid: "home-company", text: company.name || "" }),
            h("h1", {
                className: "hero__title",
                id: "home-title",
                tabindex: "-1",
                text: contact.name ? fmt(qsTr("Hello, %1"), contact.name) : qsTr("Hello"),
            }),
            welcome ? h("p", { className: "welcome", text: welcome }) : null,
            onboardings.map(function (onboarding) {
                return progressBlock(onboarding, onboardings.length > 1 || !!onboarding.name);
            }),
        ]);
    }

    function completionForm(task, toggle) {
        const id = String(task.id);
        const noteId = "task-note-input-" + id;
        const note = h("textarea", {
            id: noteId,
            className: "input textarea",
            name: "note",
            rows: "3",
            maxlength: String(NOTE_MAX),
            testid: "task-note-" + id,
        });
        const submit = h("button", {
            className: "button button--primary",
            type: "submit",
            testid: "task-submit-" + id,
            text: qsTr("Complete task"),
        });
        const cancel = h("button", { className: "button button--secondary", type: "button", text: qsTr("Cancel") });
        const form = h("form", { className: "task__form", id: "task-form-" + id, novalidate: true }, [
            h("label", { className: "label", for: noteId, text: qsTr("Note (optional)") }),
            note,
            h("div", { className: "button-row" }, [submit, cancel]),
        ]);
        form.hidden = true;
        cancel.addEventListener("click", function () {
            toggle(false);
        });
        form.addEventListener("keydown", function (event) {
            if (event.key === "Escape" && !cancel.disabled) {
                toggle(false);
            }
        });
        form.addEventListener("submit", function (event) {
            event.preventDefault();
            if (note.value.length > NOTE_MAX) {
                showError(fmt(qsTr("The note can be at most %1 characters long."), NOTE_MAX));
                return;
            }
            clearError();
            const restore = Gatehouse.dom.busy(submit, qsTr("Saving…"));
            cancel.disabled = true;
            api.completeTask(task.id, note.value.trim()).then(
                function () {
                    announcer.textContent = fmt(qsTr("Task completed: %1"), task.title || "");
                    return load(task.id);
                },
                function (error) {
                    restore();
                    cancel.disabled = false;
                    failed(error);
                    // Someone else may have changed the task meanwhile: show how it is now.
                    if (error && (error.status === 404 || error.status === 409)) {
                        load(task.id);
                    }
                }
            );
        });
        return { form: form, note: note };
    }

    function taskCard(task) {
        const id = String(task.id);
        const titleId = "task-title-" + id;
        const card = h("article", {
            className: "task task--" + statusClass(task.status),
            testid: "task-" + id,
            tabindex: "-1",
            "aria-labelledby": titleId,
        });
        const details = [];
        if (task.status === "completed" && task.completedAt) {
            details.push(
                h("span", { className: "task__detail", text: fmt(qsTr("Completed %1"), Gatehouse.i18n.formatDate(task.completedAt)) })
            );
        } else if (task.dueDate) {
            const overdue = isOverdue(task);
            details.push(
                h("span", { className: "task__detail" + (overdue ? " task__detail--overdue" : "") }, [
                    Gatehouse.dom.icon("calendar"),
                    fmt(overdue ? qsTr("Overdue since %1") : qsTr("Due %1"), Gatehouse.i18n.formatDate(task.dueDate)),
                ])
            );
        }
        Gatehouse.dom.append(card, [
            h("div", { className: "task__header" }, [
                h("h4", { className: "task__title", id: titleId, text: task.title || "" }),
                h("div", { className: "task__badges" }, [
                    h("span", { className: "badge", text: evidenceLabel(task.evidenceType) }),
                    statusPill(task, "task-status-" + id),
                ]),
            ]),
            task.description ? h("p", { className: "task__description", text: task.description }) : null,
            task.completionNote
                ? h("p", { className: "task__note" }, [
                      h("span", { className: "task__note-label", text: qsTr("Your note:") }),
                      " ",
                      task.completionNote,
                  ])
                : null,
            details.length ? h("div", { className: "task__details" }, details) : null,
        ]);

        if (!mayActOn(task) && task.status !== "completed") {
            Gatehouse.dom.append(
                card,
                h("p", {
                    className: "task__note",
                    testid: "task-view-only-" + id,
                    text: qsTr("You can follow this task; your role does not let you act on it."),
                })
            );
        }
        if (task.evidenceType === "standard" && task.status !== "completed" && mayActOn(task)) {
            const open = h("button", {
                className: "button button--primary",
                type: "button",
                testid: "task-complete-" + id,
                "aria-expanded": "false",
                "aria-controls": "task-form-" + id,
                text: qsTr("Mark complete"),
            });
            let completion = null;
            const toggle = function (show) {
                completion.form.hidden = !show;
                open.hidden = show;
                open.setAttribute("aria-expanded", show ? "true" : "false");
                if (show) {
                    completion.note.focus();
                } else {
                    open.focus();
                }
            };
            completion = completionForm(task, toggle);
            open.addEventListener("click", function () {
                toggle(true);
            });
            Gatehouse.dom.append(card, h("div", { className: "task__actions" }, [open, completion.form]));
        }
        // Every other kind brings its own view (views/tasks/<kind>.js), which gets what a
        // card needs: the API, a way to report errors and announcements, and a reload. It is
        // built when the contact opens the task, so the home page loads no kind's data up
        // front; tasks opened stay open across reloads.
        // A contact who may not act still opens the kinds whose view is worth reading (a
        // meeting's time, Join and calendar file); the view leaves out what acts (ctx.canAct).
        const kindView =
            mayActOn(task) || READABLE_KINDS[task.evidenceType] ? Gatehouse.taskViews[task.evidenceType] : null;
        if (kindView) {
            const bodyId = "task-body-" + id;
            const body = h("div", { className: "task__body", id: bodyId });
            const opener = h("button", {
                className: "button button--small task__open",
                type: "button",
                "aria-expanded": "false",
                "aria-controls": bodyId,
                testid: "task-open-" + id,
                text: qsTr("Open"),
            });
            let built = false;
            const setOpen = function (open) {
                if (open && !built) {
                    built = true;
                    Gatehouse.dom.append(
                        body,
                        kindView(task, {
                            api: api,
                            canAct: mayActOn(task),
                            failed: failed,
                            announce: function (text) {
                                announcer.textContent = text;
                            },
                            reload: function () {
                                return load(task.id);
                            },
                        })
                    );
                }
                body.hidden = !open;
                opener.setAttribute("aria-expanded", open ? "true" : "false");
                opener.textContent = open ? qsTr("Close") : qsTr("Open");
                if (open) {
                    openTasks.add(String(task.id));
                } else {
                    openTasks.delete(String(task.id));
                }
            };
            opener.addEventListener("click", function () {
                setOpen(body.hidden);
            });
            openers[String(task.id)] = setOpen;
            Gatehouse.dom.append(card, [opener, body]);
            setOpen(openTasks.has(String(task.id)));
        }
        if (can("comments.read")) {
            Gatehouse.dom.append(
                card,
                Gatehouse.views.comments.createThread(task, {
                    api: api,
                    failed: failed,
                    announce: function (text) {
                        announcer.textContent = text;
                    },
                    canWrite: can("comments.write"),
                })
            );
        }
        return card;
    }

    function yourTasks(onboarding, titleSuffix) {
        const groups = sortedPhases(onboarding)
            .map(function (phase) {
                return {
                    phase: phase,
                    tasks: list(phase.tasks).filter(function (task) {
                        return task.ownerSide === "client";
                    }),
                };
            })
            .filter(function (group) {
                return group.tasks.length > 0;
            });
        let open = 0;
        groups.forEach(function (group) {
            group.tasks.forEach(function (task) {
                if (task.status !== "completed") {
                    ++open;
                }
            });
        });
        const headingId = "your-tasks-" + onboarding.id;
        const section = h("section", { className: "panel", "aria-labelledby": headingId }, [
            h("div", { className: "panel__header" }, [
                h("h2", { className: "panel__title", id: headingId }, [qsTr("Your tasks"), titleSuffix]),
                groups.length ? h("span", { className: "count", text: fmt(qsTr("%1 open"), open) }) : null,
            ]),
        ]);
        if (!groups.length) {
            Gatehouse.dom.append(
                section,
                h("p", {
                    className: "empty",
                    text: qsTr("Nothing for you to do right now. We will email you when something needs your attention."),
                })
            );
            return section;
        }
        if (open === 0) {
            Gatehouse.dom.append(
                section,
                h("p", { className: "done", text: qsTr("You have completed all your tasks. Thank you!") })
            );
        }
        groups.forEach(function (group) {
            Gatehouse.dom.append(section, [
                h("h3", { className: "phase-title", text: group.phase.name || "" }),
                h("div", { className: "task-list" }, group.tasks.map(taskCard)),
            ]);
        });
        return section;
    }

    function render(home, focusTaskId) {
        openers = {};
        const onboardings = list(home && home.onboardings);
        const sections = [greeting(onboardings)];
        if (!onboardings.length) {
            sections.push(
                h("section", { className: "panel" }, [
                    h("h2", { className: "panel__title", text: qsTr("Nothing here yet") }),
                    h("p", {
                        className: "empty",
                        text: qsTr("Your IT provider has not started an onboarding for you yet. We will email you when it begins."),
                    }),
                ])
            );
        }
        onboardings.forEach(function (onboarding) {
            const suffix =
                onboardings.length > 1
                    ? h("span", { className: "panel__subtitle", text: onboarding.name || "" })
                    : null;
            sections.push(
                h("div", { className: "columns" }, [
                    yourTasks(onboarding, suffix),
                    timeline(onboarding, suffix ? suffix.cloneNode(true) : null),
                ])
            );
        });
        if (onboardings.length) {
            sections.push(Gatehouse.views.documents.createDocumentsPanel(focusTask, failed));
        }
        // Built once, like the password panel, so a reload keeps open pages open.
        if (!pagesPanel) {
            pagesPanel = Gatehouse.views.pages.createPagesPanel(failed);
        }
        sections.push(pagesPanel);
        // Built once, like the password panel, so a reload keeps a question being typed.
        if (!questionsPanel) {
            questionsPanel = Gatehouse.views.questions.createQuestionsPanel(onboardings, failed, can("questions.ask"));
        }
        sections.push(questionsPanel);
        sections.push(passwordPanel);
        sections.push(totpPanel);
        sections.push(viewersPanel);
        Gatehouse.dom.replaceContent(content, sections);
        if (focusTaskId !== undefined) {
            focusTask(focusTaskId);
        }
    }

    function focusTask(taskId) {
        if (openers[String(taskId)]) {
            openers[String(taskId)](true);
        }
        const card = content.querySelector('[data-testid="task-' + CSS.escape(String(taskId)) + '"]');
        if (card) {
            card.focus({ preventScroll: false });
        }
    }

    function load(focusTaskId) {
        if (!can("onboarding.view")) {
            Gatehouse.dom.replaceContent(content, [
                greeting([]),
                h("section", { className: "panel", testid: "no-onboarding-view" }, [
                    h("p", {
                        className: "empty",
                        text: qsTr("Your role in this portal does not include the onboarding. Ask your IT provider if you need it."),
                    }),
                ]),
                passwordPanel,
                viewersPanel,
            ]);
            return Promise.resolve();
        }
        return api.home().then(function (home) {
            render(home, focusTaskId);
        }, failed);
    }

    renderTopbar();
    Gatehouse.branding.setTitle(workspace.name, qsTr("Your portal"));
    Gatehouse.dom.replaceContent(main, [content, announcer, toast]);
    return load().then(function () {
        const title = document.getElementById("home-title");
        if (title && context.focusTitle) {
            title.focus();
        }
    });
}

globalThis.Gatehouse.views = globalThis.Gatehouse.views || {};
globalThis.Gatehouse.taskViews = globalThis.Gatehouse.taskViews || {};
globalThis.Gatehouse.views.home = { createHomeView: createHomeView };
