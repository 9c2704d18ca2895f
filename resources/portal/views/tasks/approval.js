// An approval task: what to approve (the description and any attached document), then
// Approve, or Request changes with a reason. Also the Approvals section (ONB-6).

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;

function decisionText(decision) {
    const when = Gatehouse.i18n.formatDate(decision.at);
    return decision.decision === "approved"
        ? fmt(qsTr("Approved by %1 on %2"), decision.by, when)
        : fmt(qsTr("Changes requested by %1 on %2"), decision.by, when);
}

function createApprovalView(task, ctx) {
    const id = String(task.id);
    const root = h("div", { className: "approval", testid: "approval-" + id });
    const attachments = h("ul", { className: "upload__files" });
    const history = h("ul", { className: "approval__history", testid: "approval-history-" + id });
    const alert = Gatehouse.dom.createAlert();

    ctx.api.taskGet(task.id, "files").then(function (data) {
        const files = ((data && data.files) || []).filter(function (file) {
            return file.role === "attachment";
        });
        Gatehouse.dom.replaceContent(attachments, files.map(function (file) {
            return h("li", { className: "upload__file" }, [
                h("a", { className: "upload__name", href: file.url, download: file.name, text: file.name }),
            ]);
        }));
    }, ctx.failed);
    ctx.api.taskGet(task.id, "decision").then(function (data) {
        Gatehouse.dom.replaceContent(history, ((data && data.decisions) || []).map(function (decision) {
            return h("li", { className: "approval__decision" }, [
                decisionText(decision),
                decision.comment ? h("p", { className: "comment__body", text: decision.comment }) : null,
            ]);
        }));
    }, ctx.failed);

    const open = task.status !== "completed" && task.status !== "blocked" && task.ownerSide === "client";
    let actions = null;
    if (open) {
        const commentId = "approval-comment-" + id;
        const comment = h("textarea", { className: "input", id: commentId, rows: "2", maxlength: "2000", testid: commentId });
        const approve = h("button", { className: "button button--primary", type: "button", testid: "approval-approve-" + id, text: qsTr("Approve") });
        const reject = h("button", { className: "button", type: "button", testid: "approval-reject-" + id, text: qsTr("Request changes") });
        const decide = function (yes, button) {
            alert.clear();
            if (!yes && !comment.value.trim()) {
                alert.show(qsTr("Say what should change, so we can revise it."));
                comment.focus();
                return;
            }
            const restore = Gatehouse.dom.busy(button);
            ctx.api.taskPost(task.id, "decision", { approve: yes, comment: comment.value }).then(
                function () {
                    ctx.announce(yes ? fmt(qsTr("Approved: %1"), task.title) : fmt(qsTr("Changes requested: %1"), task.title));
                    ctx.reload();
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
        };
        approve.addEventListener("click", function () {
            decide(true, approve);
        });
        reject.addEventListener("click", function () {
            decide(false, reject);
        });
        actions = h("div", { className: "approval__actions" }, [
            h("label", { className: "label", for: commentId, text: qsTr("Comment (needed when you request changes)") }),
            comment,
            alert.element,
            h("div", { className: "task__actions" }, [approve, reject]),
        ]);
    } else if (task.status === "blocked") {
        actions = h("p", { className: "task__detail", text: qsTr("You asked for changes. We will ask you again once they are made.") });
    }
    Gatehouse.dom.append(root, [attachments, actions, history]);
    return root;
}

globalThis.Gatehouse.taskViews = globalThis.Gatehouse.taskViews || {};
globalThis.Gatehouse.taskViews.approval = createApprovalView;
