// The parts of the home view that only show an onboarding's state: status pills, the
// progress block and the phase timeline. They read nothing but what they are given.
const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;

function statusLabel(status) {
    switch (status) {
        case "pending":
            return qsTr("Pending");
        case "in_progress":
            return qsTr("In progress");
        case "completed":
            return qsTr("Completed");
        case "blocked":
            return qsTr("Blocked");
        default:
            return String(status || "");
    }
}

function evidenceLabel(type) {
    switch (type) {
        case "standard":
            return qsTr("Task");
        case "meeting":
            return qsTr("Meeting");
        case "upload":
            return qsTr("Document upload");
        case "signature":
            return qsTr("Signature");
        case "credential":
            return qsTr("Credentials");
        case "file_drop":
            return qsTr("Secure file drop");
        case "training":
            return qsTr("Training");
        case "form":
            return qsTr("Form");
        case "checklist":
            return qsTr("Checklist");
        case "approval":
            return qsTr("Approval");
        default:
            return String(type || "");
    }
}

// Status names become CSS modifiers; anything unexpected gets the neutral look.
function statusClass(status) {
    return /^(pending|in_progress|completed|blocked)$/.test(status) ? status.replace("_", "-") : "pending";
}

function statusPill(task, testid) {
    return h("span", {
        className: "pill pill--" + statusClass(task.status),
        testid: testid,
        text: statusLabel(task.status),
    });
}

function isOverdue(task) {
    const due = Gatehouse.i18n.parseDate(task.dueDate);
    if (!due || task.status === "completed") {
        return false;
    }
    const today = new Date();
    today.setHours(0, 0, 0, 0);
    return due < today;
}

function list(value) {
    return Array.isArray(value) ? value : [];
}

function sortedPhases(onboarding) {
    return list(onboarding.phases)
        .slice()
        .sort(function (a, b) {
            return (a.position || 0) - (b.position || 0);
        });
}

function progressOf(onboarding) {
    const progress = onboarding.progress || {};
    const total = Number(progress.total) || 0;
    const completed = Number(progress.completed) || 0;
    let percent = Number(progress.percent);
    if (!isFinite(percent)) {
        percent = total > 0 ? Math.round((completed * 100) / total) : 0;
    }
    return { total: total, completed: completed, percent: Math.max(0, Math.min(100, Math.round(percent))) };
}

function progressBlock(onboarding, showName) {
    const progress = progressOf(onboarding);
    const label = fmt(qsTr("%1% complete"), progress.percent);
    const fill = h("div", { className: "progress__fill" });
    const bar = h(
        "div",
        {
            className: "progress",
            role: "progressbar",
            "aria-valuemin": "0",
            "aria-valuemax": "100",
            "aria-valuenow": String(progress.percent),
            "aria-valuetext": label,
            "aria-label": fmt(qsTr("Progress of %1"), onboarding.name || qsTr("your onboarding")),
            testid: "progress",
        },
        fill
    );
    // CSSOM, not a style attribute: allowed by the CSP.
    bar.style.setProperty("--progress", String(progress.percent));
    return h("div", { className: "progress-block" }, [
        showName ? h("p", { className: "progress-block__name", text: onboarding.name || "" }) : null,
        h("div", { className: "progress-block__meta" }, [
            h("strong", { className: "progress-block__percent", text: label }),
            h("span", {
                className: "progress-block__count",
                text: fmt(qsTr("%1 of %2 tasks done"), progress.completed, progress.total),
            }),
        ]),
        bar,
    ]);
}

// The permission a role needs to act on a task of each kind (PortalRole::permissionToActOn).

function phaseStateLabel(state) {
    if (state === "completed") {
        return qsTr("Completed");
    }
    if (state === "current") {
        return qsTr("Current");
    }
    return qsTr("Upcoming");
}

function timeline(onboarding, titleSuffix) {
    const headingId = "our-progress-" + onboarding.id;
    const phases = sortedPhases(onboarding).map(function (phase) {
        const state = /^(completed|current|upcoming)$/.test(phase.state) ? phase.state : "upcoming";
        const marker = h(
            "span",
            { className: "timeline__marker", "aria-hidden": "true" },
            state === "completed" ? Gatehouse.dom.icon("check") : null
        );
        const stateLabel =
            state === "current"
                ? h("span", { className: "chip chip--current", text: qsTr("Current") })
                : h("span", { className: "visually-hidden", text: phaseStateLabel(state) });
        const tasks = list(phase.tasks).map(function (task) {
            const ours = task.ownerSide !== "client";
            return h("li", { className: "timeline__task" + (task.status === "completed" ? " timeline__task--done" : "") }, [
                h("span", {
                    className: "side side--" + (ours ? "msp" : "client"),
                    text: ours ? qsTr("Us") : qsTr("You"),
                }),
                h("span", { className: "timeline__task-title", text: task.title || "" }),
                statusPill(task),
            ]);
        });
        return h(
            "li",
            { className: "timeline__phase timeline__phase--" + state, "aria-current": state === "current" ? "step" : null },
            [
                marker,
                h("div", { className: "timeline__body" }, [
                    h("div", { className: "timeline__head" }, [
                        h("h3", { className: "timeline__name", text: phase.name || "" }),
                        stateLabel,
                    ]),
                    tasks.length ? h("ul", { className: "timeline__tasks" }, tasks) : null,
                ]),
            ]
        );
    });
    return h("section", { className: "panel panel--timeline", "aria-labelledby": headingId }, [
        h("div", { className: "panel__header" }, [
            h("h2", { className: "panel__title", id: headingId }, [qsTr("Our progress"), titleSuffix]),
        ]),
        phases.length
            ? h("ol", { className: "timeline" }, phases)
            : h("p", { className: "empty", text: qsTr("No phases yet.") }),
    ]);
}

globalThis.Gatehouse.progress = {
    statusLabel: statusLabel,
    evidenceLabel: evidenceLabel,
    statusClass: statusClass,
    statusPill: statusPill,
    isOverdue: isOverdue,
    list: list,
    sortedPhases: sortedPhases,
    progressOf: progressOf,
    progressBlock: progressBlock,
    timeline: timeline,
};
