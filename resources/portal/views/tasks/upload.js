// An upload task: what is accepted and how large, before anything is sent; drag and drop or
// pick several files; a progress bar per file; the files sent so far with their review.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;
const formatSize = Gatehouse.api.formatSize;

function reviewLabel(file) {
    if (file.review === "approved") {
        return qsTr("Approved");
    }
    if (file.review === "rejected") {
        return qsTr("Not accepted");
    }
    return qsTr("Waiting for review");
}

function createUploadView(task, ctx) {
    const id = String(task.id);
    const root = h("div", { className: "upload", testid: "upload-" + id });
    const limits = h("p", { className: "upload__limits", testid: "upload-limits-" + id });
    const files = h("ul", { className: "upload__files", testid: "upload-files-" + id });
    const progress = h("ul", { className: "upload__progress" });
    const alert = Gatehouse.dom.createAlert("upload__alert");
    let accept = null;

    function fileRow(file) {
        const remove =
            file.review === "uploaded" && task.status !== "completed"
                ? h("button", {
                      className: "button button--quiet button--small",
                      type: "button",
                      testid: "upload-remove-" + file.id,
                      "aria-label": fmt(qsTr("Remove %1"), file.name),
                      text: qsTr("Remove"),
                  })
                : null;
        if (remove) {
            remove.addEventListener("click", function () {
                const restore = Gatehouse.dom.busy(remove);
                Gatehouse.api.removeFile(file.id).then(
                    function () {
                        ctx.announce(fmt(qsTr("Removed %1"), file.name));
                        ctx.reload();
                    },
                    function (error) {
                        restore();
                        ctx.failed(error);
                    }
                );
            });
        }
        return h("li", { className: "upload__file upload__file--" + file.review, testid: "upload-file-" + file.id }, [
            h("a", { className: "upload__name", href: file.url, download: file.name, text: file.name }),
            h("span", { className: "upload__meta", text: formatSize(file.size) + " · " + Gatehouse.i18n.formatDate(file.uploadedAt) }),
            h("span", { className: "badge badge--" + file.review, text: reviewLabel(file) }),
            file.review === "rejected" && file.reviewNote
                ? h("p", { className: "upload__note" }, [
                      h("span", { className: "task__note-label", text: qsTr("Why:") }),
                      " ",
                      file.reviewNote,
                  ])
                : null,
            remove,
        ]);
    }

    function renderFiles(list) {
        Gatehouse.dom.replaceContent(files, list.filter(function (file) {
            return file.role === "upload";
        }).map(fileRow));
    }

    // Refused before sending: what the server would refuse anyway, said at once.
    function precheck(file) {
        if (file.size > accept.maxBytes) {
            return fmt(qsTr("%1 is larger than %2, the limit for this task."), file.name, formatSize(accept.maxBytes));
        }
        const dot = file.name.lastIndexOf(".");
        const extension = dot >= 0 ? file.name.slice(dot).toLowerCase() : "";
        if (accept.extensions.indexOf(extension) < 0) {
            return fmt(qsTr("%1 is not a file type this task accepts."), file.name);
        }
        return "";
    }

    function uploadAll(list) {
        alert.clear();
        const chosen = Array.prototype.slice.call(list);
        const problems = chosen.map(precheck).filter(Boolean);
        if (problems.length) {
            alert.show(problems.join(" "));
            return;
        }
        Gatehouse.sendFiles(chosen, {
            path: Gatehouse.api.taskUrl(task.id, "files"),
            progress: progress,
            alert: alert,
            ctx: ctx,
            label: qsTr("Uploading %1"),
            testid: "upload-progress",
            done: qsTr("Uploaded %1 of %2 files"),
        });
    }

    function renderPicker() {
        const hintId = "upload-limits-" + id;
        const zone = Gatehouse.fileDropZone(
            {
                id: "upload-input-" + id,
                accept: accept.extensions.join(","),
                "aria-describedby": hintId,
                testid: "upload-input-" + id,
            },
            "upload-zone-" + id,
            uploadAll
        );
        limits.id = hintId;
        limits.textContent = fmt(qsTr("Accepted: %1. Up to %2 per file."), accept.labels.join(", "), formatSize(accept.maxBytes));
        return zone;
    }

    ctx.api.taskGet(task.id, "files").then(function (data) {
        accept = data.accept;
        renderFiles(data.files || []);
        const open = task.status !== "completed" && task.ownerSide === "client";
        Gatehouse.dom.replaceContent(root, [open ? limits : null, open ? renderPicker() : null, alert.element, progress, files]);
    }, ctx.failed);
    return root;
}

globalThis.Gatehouse.taskViews = globalThis.Gatehouse.taskViews || {};
globalThis.Gatehouse.taskViews.upload = createUploadView;
