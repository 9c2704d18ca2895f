// The thread on a task (ONB-9): folded until opened, so the home page costs no extra request.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;

function createThread(task, ctx) {
    const id = String(task.id);
    const listId = "comments-" + id;
    const toggle = h("button", {
        className: "button button--quiet button--small",
        type: "button",
        "aria-expanded": "false",
        "aria-controls": listId,
        testid: "comments-toggle-" + id,
        text: qsTr("Comments"),
    });
    const list = h("ol", { className: "comments__list", testid: "comments-list-" + id });
    const textarea = h("textarea", {
        className: "input comments__input",
        id: "comment-input-" + id,
        rows: "2",
        maxlength: "4000",
        testid: "comment-input-" + id,
    });
    const send = h("button", { className: "button button--primary button--small", type: "submit", testid: "comment-send-" + id, text: qsTr("Send") });
    const alert = Gatehouse.dom.createAlert();
    const form = h("form", { className: "comments__form", novalidate: true }, [
        h("label", { className: "visually-hidden", for: "comment-input-" + id, text: fmt(qsTr("Your message about %1"), task.title || "") }),
        textarea,
        alert.element,
        send,
    ]);
    // A role that may read but not write the conversation sees it without the form.
    const panel = h("div", { className: "comments", id: listId }, [list, ctx.canWrite === false ? null : form]);
    panel.hidden = true;

    function render(comments) {
        Gatehouse.dom.replaceContent(
            list,
            comments.length
                ? comments.map(function (comment) {
                      return h("li", { className: "comment" + (comment.fromProvider ? " comment--provider" : "") }, [
                          h("p", { className: "comment__meta" }, [
                              h("span", { className: "comment__author", text: comment.author || "" }),
                              " · ",
                              Gatehouse.i18n.formatDate(comment.createdAt),
                          ]),
                          h("p", { className: "comment__body", text: comment.body || "" }),
                      ]);
                  })
                : h("li", { className: "empty", text: qsTr("No messages yet. Ask us anything about this task.") })
        );
    }

    function load() {
        return ctx.api.taskGet(task.id, "comments").then(function (data) {
            render((data && data.comments) || []);
        }, ctx.failed);
    }

    toggle.addEventListener("click", function () {
        const open = panel.hidden;
        panel.hidden = !open;
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        if (open) {
            load().then(function () {
                textarea.focus();
            });
        }
    });
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        alert.clear();
        if (!textarea.value.trim()) {
            alert.show(qsTr("Write a message first."));
            textarea.focus();
            return;
        }
        const restore = Gatehouse.dom.busy(send, qsTr("Sending…"));
        ctx.api.taskPost(task.id, "comments", { body: textarea.value }).then(
            function () {
                restore();
                textarea.value = "";
                ctx.announce(qsTr("Message sent"));
                load();
            },
            function (error) {
                restore();
                if (error && error.status === 401) {
                    ctx.failed(error);
                    return;
                }
                alert.show(error && error.message ? error.message : String(error));
            }
        );
    });
    return h("div", { className: "task__thread" }, [toggle, panel]);
}

globalThis.Gatehouse.views = globalThis.Gatehouse.views || {};
globalThis.Gatehouse.views.comments = { createThread: createThread };
