// A training task: a video from one of the three allowed hosts, shown in a frame, with
// "Mark complete"; or a training in person, whose instructions are shown and which the
// provider marks done.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;

// The embed addresses the server stores (TrainingSpec) and the CSP's frame-src allows; anything
// else in a config is never put into a frame.
const EMBED_PATTERN =
    /^https:\/\/(?:www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]{11}|player\.vimeo\.com\/video\/\d{1,20}(?:\?h=[0-9a-f]{6,40})?|www\.loom\.com\/embed\/[0-9a-f]{32})$/;

function embedUrl(config) {
    const url = config && config.embedUrl;
    return typeof url === "string" && EMBED_PATTERN.test(url) ? url : "";
}

function completeButton(task, ctx) {
    const id = String(task.id);
    const button = h("button", {
        className: "button button--primary",
        type: "button",
        testid: "training-complete-" + id,
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

function trainingView(task, ctx) {
    const id = String(task.id);
    const config = task.config || {};
    if (config.mode === "in_person") {
        return h("div", { className: "training" }, [
            typeof config.instructions === "string" && config.instructions
                ? h("p", { className: "training__instructions", testid: "training-instructions-" + id, text: config.instructions })
                : null,
            task.status !== "completed"
                ? h("p", {
                      className: "task__hint",
                      testid: "training-in-person-" + id,
                      text: qsTr("This training takes place in person. Your provider will mark it done once you have attended."),
                  })
                : null,
        ]);
    }
    const src = config.mode === "video" ? embedUrl(config) : "";
    if (!src) {
        return h("p", {
            className: "task__hint",
            testid: "training-unset-" + id,
            text: qsTr("Your provider has not set up this training yet."),
        });
    }
    // The frame gets no more than a video player needs; the portal's origin is the only
    // referrer it sees (some players refuse to play without one).
    const frame = h("iframe", {
        className: "training__video",
        src: src,
        title: fmt(qsTr("Training video: %1"), task.title || ""),
        testid: "training-video-" + id,
        allow: "fullscreen; picture-in-picture; encrypted-media",
        allowfullscreen: true,
        loading: "lazy",
        referrerpolicy: "strict-origin",
        sandbox: "allow-scripts allow-same-origin allow-presentation allow-popups",
    });
    return h("div", { className: "training" }, [
        h("div", { className: "training__frame" }, frame),
        task.status !== "completed" && task.ownerSide === "client"
            ? h("div", { className: "button-row" }, completeButton(task, ctx))
            : null,
    ]);
}

globalThis.Gatehouse.taskViews = globalThis.Gatehouse.taskViews || {};
Gatehouse.taskViews.training = trainingView;
