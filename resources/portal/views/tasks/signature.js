// A signature task: the document first, then a signature drawn on the pad (mouse, touch or
// pen, through pointer events) or a typed name, the signer's full name and consent. Once
// signed: who, when, the evidence fingerprint and the certificate to download.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;

const PAD_WIDTH = 600;
const PAD_HEIGHT = 200;

// The pad: strokes drawn with pointer events, in the canvas's own pixels whatever its CSS size.
function createPad(id) {
    const canvas = h("canvas", {
        className: "signature__pad",
        width: String(PAD_WIDTH),
        height: String(PAD_HEIGHT),
        role: "img",
        "aria-label": qsTr("Signature pad: draw your signature with a mouse, finger or pen"),
        testid: "signature-pad-" + id,
    });
    const context = canvas.getContext("2d");
    context.lineWidth = 3;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#111827";
    let drawing = false;
    let strokes = 0;

    function point(event) {
        const box = canvas.getBoundingClientRect();
        return {
            x: ((event.clientX - box.left) * PAD_WIDTH) / box.width,
            y: ((event.clientY - box.top) * PAD_HEIGHT) / box.height,
        };
    }
    canvas.addEventListener("pointerdown", function (event) {
        event.preventDefault();
        canvas.setPointerCapture(event.pointerId);
        drawing = true;
        const p = point(event);
        context.beginPath();
        context.moveTo(p.x, p.y);
        context.lineTo(p.x + 0.1, p.y + 0.1);
        context.stroke();
    });
    canvas.addEventListener("pointermove", function (event) {
        if (!drawing) {
            return;
        }
        const p = point(event);
        context.lineTo(p.x, p.y);
        context.stroke();
    });
    const end = function () {
        if (drawing) {
            strokes += 1;
        }
        drawing = false;
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
    return {
        canvas: canvas,
        isBlank: function () {
            return strokes === 0;
        },
        clear: function () {
            context.clearRect(0, 0, PAD_WIDTH, PAD_HEIGHT);
            strokes = 0;
        },
        png: function () {
            return canvas.toDataURL("image/png").split(",")[1];
        },
    };
}

// A typed name drawn the way it will appear on the certificate.
function typedSignaturePng(name) {
    const canvas = document.createElement("canvas");
    canvas.width = PAD_WIDTH;
    canvas.height = PAD_HEIGHT;
    const context = canvas.getContext("2d");
    context.fillStyle = "#111827";
    context.textBaseline = "middle";
    let size = 64;
    do {
        context.font = "italic " + size + "px Georgia, 'DejaVu Serif', serif";
        size -= 4;
    } while (context.measureText(name).width > PAD_WIDTH - 40 && size > 16);
    context.fillText(name, 20, PAD_HEIGHT / 2);
    return canvas.toDataURL("image/png").split(",")[1];
}

function signedView(signature) {
    return h("div", { className: "signature__done" }, [
        h("p", { text: fmt(qsTr("Signed by %1 on %2."), signature.signerName, Gatehouse.i18n.formatDate(signature.signedAt)) }),
        h("p", { className: "upload__meta", text: fmt(qsTr("Evidence fingerprint (SHA-256): %1"), signature.evidenceSha256) }),
        signature.certificateUrl
            ? h("a", { className: "button", href: signature.certificateUrl, download: "", testid: "signature-certificate", text: qsTr("Download the signature certificate (PDF)") })
            : null,
    ]);
}

function createSignatureView(task, ctx) {
    const id = String(task.id);
    const root = h("div", { className: "signature", testid: "signature-" + id });

    function documentBlock(data) {
        const document = data.document || {};
        if (typeof document.text === "string") {
            return h("div", { className: "signature__document" }, [
                h("p", { className: "label", text: qsTr("What you sign") }),
                h("p", { className: "signature__text", testid: "signature-document-" + id, text: document.text }),
            ]);
        }
        const link = h("span", { className: "upload__name", text: document.name || "" });
        ctx.api.taskGet(task.id, "files").then(function (files) {
            const attachment = ((files && files.files) || []).filter(function (file) {
                return file.role === "attachment";
            }).pop();
            if (attachment) {
                link.replaceWith(h("a", { className: "upload__name", href: attachment.url, download: attachment.name, testid: "signature-document-" + id, text: attachment.name }));
            }
        }, ctx.failed);
        return h("div", { className: "signature__document" }, [
            h("p", { className: "label", text: qsTr("Read the document before you sign") }),
            link,
            h("p", { className: "upload__meta", text: fmt(qsTr("SHA-256: %1"), document.sha256 || "") }),
        ]);
    }

    function form(data) {
        const pad = createPad(id);
        const alert = Gatehouse.dom.createAlert();
        const nameId = "signature-name-" + id;
        const name = h("input", { className: "input", id: nameId, autocomplete: "name", maxlength: "200", testid: nameId });
        const consentId = "signature-consent-" + id;
        const consent = h("input", { type: "checkbox", id: consentId, testid: consentId });
        let mode = "drawn";
        const drawTab = h("button", { className: "button button--small", type: "button", "aria-pressed": "true", testid: "signature-draw-" + id, text: qsTr("Draw") });
        const typeTab = h("button", { className: "button button--small", type: "button", "aria-pressed": "false", testid: "signature-type-" + id, text: qsTr("Type") });
        const clear = h("button", { className: "button button--quiet button--small", type: "button", text: qsTr("Clear") });
        const drawArea = h("div", { className: "signature__draw" }, [pad.canvas, clear]);
        const typedPreview = h("p", { className: "signature__typed", "aria-live": "polite" });
        typedPreview.hidden = true;
        const submit = h("button", { className: "button button--primary", type: "submit", testid: "signature-submit-" + id, text: qsTr("Sign") });

        function setMode(next) {
            mode = next;
            drawTab.setAttribute("aria-pressed", next === "drawn" ? "true" : "false");
            typeTab.setAttribute("aria-pressed", next === "typed" ? "true" : "false");
            drawArea.hidden = next !== "drawn";
            typedPreview.hidden = next !== "typed";
            typedPreview.textContent = name.value;
        }
        drawTab.addEventListener("click", function () {
            setMode("drawn");
        });
        typeTab.addEventListener("click", function () {
            setMode("typed");
        });
        clear.addEventListener("click", pad.clear);
        name.addEventListener("input", function () {
            typedPreview.textContent = name.value;
        });

        const element = h("form", { className: "signature__form", novalidate: true }, [
            h("label", { className: "label", for: nameId, text: qsTr("Your full name") }),
            name,
            h("div", { className: "signature__modes", role: "group", "aria-label": qsTr("How to sign") }, [drawTab, typeTab]),
            drawArea,
            typedPreview,
            h("label", { className: "signature__consent", for: consentId }, [
                consent,
                " ",
                qsTr("I agree that this electronic signature is as valid as my handwritten one."),
            ]),
            alert.element,
            submit,
        ]);
        element.addEventListener("submit", function (event) {
            event.preventDefault();
            alert.clear();
            const signer = name.value.trim();
            if (!signer) {
                alert.show(qsTr("Enter your full name."));
                name.focus();
                return;
            }
            if (mode === "drawn" && pad.isBlank()) {
                alert.show(qsTr("The signature pad is empty. Please sign before you submit."));
                return;
            }
            if (!consent.checked) {
                alert.show(qsTr("Please confirm that you agree to sign electronically."));
                consent.focus();
                return;
            }
            const restore = Gatehouse.dom.busy(submit, qsTr("Signing…"));
            ctx.api
                .taskPost(task.id, "signature", {
                    name: signer,
                    method: mode,
                    image: mode === "drawn" ? pad.png() : typedSignaturePng(signer),
                })
                .then(
                    function () {
                        ctx.announce(fmt(qsTr("Signed: %1"), task.title));
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
        });
        return element;
    }

    ctx.api.taskGet(task.id, "signature").then(function (data) {
        const open = !data.signature && task.status !== "completed" && task.ownerSide === "client";
        Gatehouse.dom.replaceContent(root, [
            documentBlock(data),
            data.signature ? signedView(data.signature) : null,
            open ? form(data) : null,
        ]);
    }, ctx.failed);
    return root;
}

globalThis.Gatehouse.taskViews = globalThis.Gatehouse.taskViews || {};
globalThis.Gatehouse.taskViews.signature = createSignatureView;
