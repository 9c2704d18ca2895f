// Ask a question (ONB-8): a form for the provider, and the questions asked so far with their
// answers.

const h = Gatehouse.dom.h;
const fmt = Gatehouse.i18n.fmt;

function createQuestionsPanel(onboardings, failed, canAsk) {
    const list = h("ul", { className: "questions__list", testid: "questions-list" });
    const textarea = h("textarea", { className: "input", id: "question-input", rows: "3", maxlength: "4000", testid: "question-input" });
    const alert = Gatehouse.dom.createAlert();
    const send = h("button", { className: "button button--primary", type: "submit", testid: "question-send", text: qsTr("Send question") });
    const announcer = h("p", { className: "visually-hidden", "aria-live": "polite" });
    // About one onboarding, when the contact has several.
    const about = onboardings.length > 1
        ? h("select", { className: "input", id: "question-about", testid: "question-about" },
              [h("option", { value: "", text: qsTr("General question") })].concat(onboardings.map(function (onboarding) {
                  return h("option", { value: String(onboarding.id), text: onboarding.name || "" });
              })))
        : null;

    function render(questions) {
        Gatehouse.dom.replaceContent(list, questions.map(function (question) {
            return h("li", { className: "question", testid: "question-" + question.id }, [
                h("p", { className: "comment__meta", text: fmt(qsTr("%1 asked on %2"), question.askedBy || "", Gatehouse.i18n.formatDate(question.askedAt)) }),
                h("p", { className: "comment__body", text: question.body || "" }),
                question.answeredAt
                    ? h("div", { className: "comment comment--provider" }, [
                          h("p", { className: "comment__meta", text: fmt(qsTr("%1 answered on %2"), question.answeredBy || "", Gatehouse.i18n.formatDate(question.answeredAt)) }),
                          h("p", { className: "comment__body", text: question.answer || "" }),
                      ])
                    : h("p", { className: "badge badge--uploaded", text: qsTr("Waiting for an answer") }),
            ]);
        }));
    }

    function load() {
        return Gatehouse.api.questions().then(function (data) {
            render((data && data.questions) || []);
        }, failed);
    }

    const form = h("form", { className: "comments__form", novalidate: true }, [
        about ? h("label", { className: "label", for: "question-about", text: qsTr("About") }) : null,
        about,
        h("label", { className: "label", for: "question-input", text: qsTr("Your question") }),
        textarea,
        alert.element,
        send,
    ]);
    form.addEventListener("submit", function (event) {
        event.preventDefault();
        alert.clear();
        if (!textarea.value.trim()) {
            alert.show(qsTr("Write your question first."));
            textarea.focus();
            return;
        }
        const restore = Gatehouse.dom.busy(send, qsTr("Sending…"));
        const body = { body: textarea.value };
        if (about && about.value) {
            body.onboardingId = Number(about.value);
        } else if (!about && onboardings.length === 1) {
            body.onboardingId = onboardings[0].id;
        }
        Gatehouse.api.askQuestion(body).then(
            function () {
                restore();
                textarea.value = "";
                announcer.textContent = qsTr("Your question was sent. We will answer by email.");
                load();
            },
            function (error) {
                restore();
                if (error && error.status === 401) {
                    failed(error);
                    return;
                }
                alert.show(error && error.message ? error.message : String(error));
            }
        );
    });
    load();
    return h("section", { className: "panel", "aria-labelledby": "questions-title", testid: "questions" }, [
        h("div", { className: "panel__header" }, [
            h("h2", { className: "panel__title", id: "questions-title", text: qsTr("Ask a question") }),
        ]),
        h("p", { className: "card__lead", text: qsTr("We answer by email and here.") }),
        canAsk === false ? null : form,
        announcer,
        list,
    ]);
}

globalThis.Gatehouse.views = globalThis.Gatehouse.views || {};
globalThis.Gatehouse.views.questions = { createQuestionsPanel: createQuestionsPanel };
