// A secure file drop task (ONB-4): the size limit and how long files are kept, said before
// anything is sent; drag and drop or pick files; a progress bar per file; the files dropped so
// far with their expiry, whether the provider downloaded them, and Delete until they have.
// Each file is encrypted by the server as it arrives; this page never sees it again.

function dropStateLabel(drop) {
    if (drop.state === "expired") {
        return qsTr("Expired");
    }
    if (drop.state === "downloaded") {
        return qsTr("Downloaded by your provider");
    }
    return qsTr("Waiting for your provider");
}

function createFileDropView(task, ctx) {
    const h = Gatehouse.dom.h;
    const fmt = Gatehouse.i18n.fmt;
    const id = String(task.id);
    const root = h("div", { className: "upload filedrop", testid: "filedrop-" + id });
    const limits = h("p", { className: "upload__limits", id: "filedrop-limits-" + id, testid: "filedrop-limits-" + id });
    const list = h("ul", { className: "upload__files", testid: "filedrop-files-" + id });
    const progress = h("ul", { className: "upload__progress" });
    const alert = Gatehouse.dom.createAlert("upload__alert");
    let maxBytes = 0;

    function dropRow(drop) {
        const canDelete = !drop.downloaded && drop.state === "available";
        const remove = canDelete
            ? h("button", {
                  className: "button button--quiet button--small",
                  type: "button",
                  testid: "filedrop-delete-" + drop.id,
                  "aria-label": fmt(qsTr("Delete %1"), drop.name),
                  text: qsTr("Delete"),
              })
            : null;
        if (remove) {
            remove.addEventListener("click", function () {
                const restore = Gatehouse.dom.busy(remove);
                Gatehouse.api.removeDrop(drop.id).then(
                    function () {
                        ctx.announce(fmt(qsTr("Deleted %1"), drop.name));
                        ctx.reload();
                    },
                    function (error) {
                        restore();
                        if (error && error.status === 409) {
                            alert.show(error.message);
                            return;
                        }
                        ctx.failed(error);
                    }
                );
            });
        }
        const when =
            drop.state === "expired"
                ? fmt(qsTr("expired on %1"), Gatehouse.i18n.formatDate(drop.expiresAt))
                : fmt(qsTr("kept until %1"), Gatehouse.i18n.formatDate(drop.expiresAt));
        return h("li", { className: "upload__file filedrop__file filedrop__file--" + drop.state, testid: "filedrop-file-" + drop.id }, [
            h("span", { className: "upload__name", text: drop.name }),
            h("span", {
                className: "upload__meta",
                text: Gatehouse.api.formatSize(drop.size) + " · " + Gatehouse.i18n.formatDate(drop.droppedAt) + " · " + when,
            }),
            h("span", { className: "badge badge--" + (drop.state === "downloaded" ? "approved" : drop.state === "expired" ? "rejected" : "uploaded"), testid: "filedrop-state-" + drop.id, text: dropStateLabel(drop) }),
            remove,
        ]);
    }

    function dropAll(files) {
        alert.clear();
        const chosen = Array.prototype.slice.call(files);
        const tooLarge = chosen.filter(function (file) {
            return file.size > maxBytes;
        });
        if (tooLarge.length) {
            alert.show(tooLarge.map(function (file) {
                return fmt(qsTr("%1 is larger than %2, the limit for this task."), file.name, Gatehouse.api.formatSize(maxBytes));
            }).join(" "));
            return;
        }
        Gatehouse.sendFiles(chosen, {
            path: Gatehouse.api.taskUrl(task.id, "drops"),
            progress: progress,
            alert: alert,
            ctx: ctx,
            label: qsTr("Sending %1"),
            testid: "filedrop-progress",
            done: qsTr("Sent %1 of %2 files securely"),
        });
    }

    function picker() {
        return Gatehouse.fileDropZone(
            {
                id: "filedrop-input-" + id,
                "aria-describedby": limits.id,
                testid: "filedrop-input-" + id,
            },
            "filedrop-zone-" + id,
            dropAll
        );
    }

    ctx.api.taskGet(task.id, "drops").then(function (data) {
        maxBytes = data.maxBytes;
        limits.textContent = fmt(
            qsTr("Up to %1 per file. Files are encrypted as they arrive and deleted %2 days after you send them."),
            Gatehouse.api.formatSize(data.maxBytes),
            data.expiryDays
        );
        Gatehouse.dom.replaceContent(list, (data.drops || []).map(dropRow));
        const open = task.ownerSide === "client";
        Gatehouse.dom.replaceContent(root, [open ? limits : null, open ? picker() : null, alert.element, progress, list]);
    }, ctx.failed);
    return root;
}

globalThis.Gatehouse.taskViews = globalThis.Gatehouse.taskViews || {};
globalThis.Gatehouse.taskViews.file_drop = createFileDropView;
