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
globalThis.Gatehouse.sendFiles = sendFiles;
