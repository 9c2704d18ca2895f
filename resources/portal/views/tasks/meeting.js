// A meeting task: when it is, in the contact's own time zone, how long, a Join button, the
// calendar file, and "Mark complete" once it has taken place. A contact whose role may not
// complete tasks (ctx.canAct false) still sees when, Join and the calendar file.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;

// Shown in the browser's time zone, with the zone named so nobody guesses.
const whenFormat = new Intl.DateTimeFormat(undefined, {
    weekday: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
});

function instant(text) {
    if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) {
        return null;
    }
    const date = new Date(text);
    return isNaN(date.getTime()) ? null : date;
}

// Only an https link becomes a button; anything else in the config is ignored.
function joinUrl(text) {
    if (typeof text !== "string" || !/^https:\/\//i.test(text)) {
        return "";
    }
    try {
        return new URL(text).protocol === "https:" ? text : "";
    } catch (error) {
        return "";
    }
}

function durationText(minutes) {
    const total = Math.round(Number(minutes));
    if (!isFinite(total) || total <= 0) {
        return "";
    }
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    if (hours === 0) {
        return fmt(qsTr("%1 min"), rest);
    }
    return rest === 0 ? fmt(qsTr("%1 h"), hours) : fmt(qsTr("%1 h %2 min"), hours, rest);
}

function completeButton(task, ctx) {
    const id = String(task.id);
    const button = h("button", {
        className: "button button--secondary",
        type: "button",
        testid: "meeting-complete-" + id,
        text: qsTr("Mark complete"),
    });
    button.addEventListener("click", function () {
        const restore = Gatehouse.dom.busy(button, qsTr("Saving…"));
        ctx.api.completeTask(task.id, "").then(
            function () {
                ctx.announce(fmt(qsTr("Task completed: %1"), task.title || ""));
                return ctx.reload();
            },
            function (error) {
                restore();
                ctx.failed(error);
            }
        );
    });
    return button;
}

function meetingView(task, ctx) {
    const id = String(task.id);
    const config = task.config || {};
    const start = instant(config.startsAt);
    if (!start) {
        return h("p", {
            className: "task__hint",
            testid: "meeting-unscheduled-" + id,
            text: qsTr("The date and time will appear here once your provider has scheduled this meeting."),
        });
    }
    const url = joinUrl(config.url);
    const duration = durationText(config.durationMinutes);
    const actions = [];
    if (url && task.status !== "completed") {
        actions.push(
            h("a", {
                className: "button button--primary",
                href: url,
                target: "_blank",
                rel: "noopener noreferrer",
                testid: "meeting-join-" + id,
                text: qsTr("Join"),
            })
        );
    }
    actions.push(
        h("a", {
            className: "button button--secondary",
            href: ctx.api.taskUrl(task.id, "meeting.ics"),
            download: "meeting.ics",
            testid: "meeting-ics-" + id,
            text: qsTr("Add to calendar"),
        })
    );
    if (task.status !== "completed" && task.ownerSide === "client" && ctx.canAct !== false) {
        actions.push(completeButton(task, ctx));
    }
    return h("div", { className: "meeting" }, [
        h("p", { className: "meeting__when" }, [
            Gatehouse.dom.icon("calendar"),
            h("time", {
                datetime: config.startsAt,
                testid: "meeting-when-" + id,
                text: whenFormat.format(start),
            }),
            duration ? h("span", { className: "meeting__duration", testid: "meeting-duration-" + id, text: duration }) : null,
        ]),
        h("div", { className: "button-row" }, actions),
    ]);
}

globalThis.Gatehouse.taskViews = globalThis.Gatehouse.taskViews || {};
Gatehouse.taskViews.meeting = meetingView;
