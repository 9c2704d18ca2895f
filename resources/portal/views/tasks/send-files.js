// Sending several files to a task, one after another (a slow line then shares its bandwidth
// with one file at a time), each with a progress bar in `progress`. Shared by the upload and
// file drop views.
//
// options: { path, progress (a list element), alert, ctx, label ("Uploading %1"),
//            testid (of each progress row), done (a sentence "%1 of %2") }

function sendFiles(files, options) {
    const h = Gatehouse.dom.h;
    const fmt = Gatehouse.i18n.fmt;
    let sent = 0;
    const rows = files.map(function (file) {
        const bar = h("progress", { max: "100", value: "0", "aria-label": fmt(options.label, file.name) });
        options.progress.appendChild(
            h("li", { className: "upload__progress-row", testid: options.testid }, [
                h("span", { className: "upload__name", text: file.name }),
                bar,
            ])
        );
        return { file: file, bar: bar };
    });
    return rows
        .reduce(function (previous, item) {
            return previous.then(function () {
                return Gatehouse.api
                    .uploadFile(options.path, item.file, function (percent) {
                        item.bar.value = percent;
                    })
                    .then(function () {
                        item.bar.value = 100;
                        sent += 1;
                    });
            });
        }, Promise.resolve())
        .then(
            function () {
                options.ctx.announce(fmt(options.done, sent, rows.length));
                options.ctx.reload();
            },
            function (error) {
                Gatehouse.dom.clear(options.progress);
                if (error && error.status === 401) {
                    options.ctx.failed(error);
                    return;
                }
                options.alert.show(error && error.message ? error.message : String(error));
                if (sent) {
                    options.ctx.reload();
                }
            }
        );
}

globalThis.Gatehouse = globalThis.Gatehouse || {};
// A drop zone with a "Choose files" button: files dropped on it or picked go to onFiles (an
// array). inputAttrs: extra attributes of the hidden file input (id, accept, aria-describedby,
// testid); zoneTestid names the zone.
function fileDropZone(inputAttrs, zoneTestid, onFiles) {
    const h = Gatehouse.dom.h;
    const attrs = { className: "visually-hidden", type: "file", multiple: true };
    Object.keys(inputAttrs).forEach(function (key) {
        attrs[key] = inputAttrs[key];
    });
    const input = h("input", attrs);
    input.addEventListener("change", function () {
        if (input.files && input.files.length) {
            onFiles(Array.prototype.slice.call(input.files));
            input.value = "";
        }
    });
    const zone = h("div", { className: "dropzone", testid: zoneTestid }, [
        h("p", { className: "dropzone__text", text: qsTr("Drag files here, or") }),
        h("label", { className: "button button--primary", for: inputAttrs.id, text: qsTr("Choose files") }),
        input,
    ]);
    zone.addEventListener("dragover", function (event) {
        event.preventDefault();
        zone.classList.add("dropzone--over");
    });
    zone.addEventListener("dragleave", function () {
        zone.classList.remove("dropzone--over");
    });
    zone.addEventListener("drop", function (event) {
        event.preventDefault();
        zone.classList.remove("dropzone--over");
        if (event.dataTransfer && event.dataTransfer.files.length) {
            onFiles(Array.prototype.slice.call(event.dataTransfer.files));
        }
    });
    return zone;
}

globalThis.Gatehouse.sendFiles = sendFiles;
globalThis.Gatehouse.fileDropZone = fileDropZone;
