// The Documents section (ONB-5): every document the provider asked for, and where it stands.

const h = Gatehouse.dom.h;

function stateLabel(state) {
    switch (state) {
        case "uploaded":
            return qsTr("Waiting for review");
        case "approved":
            return qsTr("Approved");
        case "rejected":
            return qsTr("Not accepted, please send again");
        default:
            return qsTr("Requested");
    }
}

// Fills itself from /api/v1/documents and stays hidden when nothing is asked for.
// onOpenTask(taskId): shows the task's card.
function createDocumentsPanel(onOpenTask, failed) {
    const list = h("ul", { className: "documents__list" });
    const panel = h("section", { className: "panel", "aria-labelledby": "documents-title", testid: "documents" }, [
        h("div", { className: "panel__header" }, [
            h("h2", { className: "panel__title", id: "documents-title", text: qsTr("Documents") }),
        ]),
        list,
    ]);
    panel.hidden = true;
    Gatehouse.api.documents().then(function (data) {
        const documents = (data && data.documents) || [];
        panel.hidden = documents.length === 0;
        Gatehouse.dom.replaceContent(list, documents.map(function (document) {
            const state = /^(requested|uploaded|approved|rejected)$/.test(document.state) ? document.state : "requested";
            const open = h("a", { className: "document__title", href: "#task-" + document.taskId, text: document.title || "" });
            open.addEventListener("click", function (event) {
                event.preventDefault();
                onOpenTask(document.taskId);
            });
            const names = (document.files || [])
                .filter(function (file) {
                    return file.role === "upload";
                })
                .map(function (file) {
                    return file.name;
                });
            return h("li", { className: "document", testid: "document-" + document.taskId }, [
                open,
                h("span", { className: "badge badge--" + state, testid: "document-state-" + document.taskId, text: stateLabel(state) }),
                names.length ? h("p", { className: "document__files", text: names.join(", ") }) : null,
            ]);
        }));
    }, failed);
    return panel;
}

globalThis.Gatehouse.views = globalThis.Gatehouse.views || {};
globalThis.Gatehouse.views.documents = { createDocumentsPanel: createDocumentsPanel };
