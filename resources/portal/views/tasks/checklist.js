// The view of a checklist task: a checkbox per item, who ticked it and when, and the progress
// ("3 of 5 done"). Ticking the last item completes the task.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;

function checklistView(task, ctx) {
    const taskId = String(task.id);
    const root = h("div", { className: "kind-checklist", testid: "checklist-" + taskId });
    const progress = h("p", { className: "checklist__progress", role: "status", testid: "checklist-progress-" + taskId, text: qsTr("Loading the checklist…") });
    Gatehouse.dom.append(root, progress);

    function render(state) {
        const items = Array.isArray(state.items) ? state.items : [];
        const counts = state.progress || {};
        const done = state.task && state.task.status === "completed";
        progress.textContent = fmt(qsTr("%1 of %2 done"), Number(counts.ticked) || 0, Number(counts.total) || 0);
        const rows = items.map(function (item, index) {
            const boxId = "checklist-" + taskId + "-" + index;
            const whoId = boxId + "-who";
            const box = h("input", {
                type: "checkbox",
                id: boxId,
                testid: "checklist-item-" + item.id,
                "aria-describedby": item.byName ? whoId : null,
                disabled: done,
            });
            box.checked = !!item.ticked;
            box.addEventListener("change", function () {
                const wanted = box.checked;
                box.disabled = true;
                ctx.api.taskPost(task.id, "checklist", { item: item.id, ticked: wanted }).then(
                    function (result) {
                        const statusChanged = !state.task || !result.task || state.task.status !== result.task.status;
                        const counted = result.progress || {};
                        ctx.announce(fmt(qsTr("%1 of %2 done"), Number(counted.ticked) || 0, Number(counted.total) || 0));
                        if (statusChanged) {
                            ctx.reload();
                        } else {
                            state = result;
                            render(result);
                            const again = document.getElementById(boxId);
                            if (again) {
                                again.focus();
                            }
                        }
                    },
                    function (error) {
                        box.checked = !wanted;
                        box.disabled = false;
                        ctx.failed(error);
                    }
                );
            });
            let who = null;
            if (item.byName) {
                const when = Gatehouse.i18n.formatDate(item.at);
                who = h("span", {
                    className: "hint checklist__who",
                    id: whoId,
                    text: fmt(item.ticked ? qsTr("Ticked by %1, %2") : qsTr("Unticked by %1, %2"), item.byName, when),
                });
            }
            return h("li", { className: "checklist__item" + (item.ticked ? " checklist__item--done" : "") }, [
                box,
                h("div", { className: "checklist__text" }, [h("label", { for: boxId, text: item.text || "" }), who]),
            ]);
        });
        Gatehouse.dom.clear(root);
        Gatehouse.dom.append(root, [
            progress,
            items.length
                ? h("ul", { className: "checklist", "aria-label": fmt(qsTr("Checklist: %1"), task.title || "") }, rows)
                : h("p", { className: "hint", text: qsTr("The items are not ready yet.") }),
        ]);
    }

    ctx.api.taskGet(task.id, "checklist").then(render, function (error) {
        progress.textContent = "";
        ctx.failed(error);
    });
    return root;
}

globalThis.Gatehouse.taskViews = globalThis.Gatehouse.taskViews || {};
globalThis.Gatehouse.taskViews.checklist = checklistView;
